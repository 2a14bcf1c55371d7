import { AppError } from '@/lib/errors';
import { exchangeAuthorizationCode } from './authorization-code';
import { authenticateConfidentialClient, readClientCredentials } from './client-auth';
import { exchangeClientCredentials } from './client-credentials';
import { DEVICE_CODE_GRANT_TYPE, exchangeDeviceCode } from './device-authorization';
import { OAuthErrors } from './errors';
import { checkOAuthForm } from './form';
import { exchangeRefreshToken } from './refresh-token';
import type { TokenResponse } from './tokens';

export const SUPPORTED_GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials', DEVICE_CODE_GRANT_TYPE] as const;

/**
 * POST /oauth2/v1/token. Public SPA clients need no authentication (the code is bound to its
 * client and PKCE proves possession); when a client does authenticate, its credentials must be
 * valid and the grant must belong to it.
 */
export async function handleTokenRequest(form: URLSearchParams, authorization: string | null): Promise<TokenResponse> {
  checkOAuthForm(form);
  const grantType = form.get('grant_type');
  if (!grantType) throw new AppError(OAuthErrors.invalid_request, 'grant_type is required.');
  const credentials = readClientCredentials(authorization, form);

  switch (grantType) {
    case 'authorization_code':
    case 'refresh_token':
    case DEVICE_CODE_GRANT_TYPE: {
      if (credentials.method !== 'none') {
        const app = await authenticateConfidentialClient(credentials);
        if (app.type !== 'spa') throw new AppError(OAuthErrors.unauthorized_client, `S2S apps cannot use ${grantType}.`);
      }
      if (grantType === 'authorization_code') {
        const code = form.get('code');
        if (!code) throw new AppError(OAuthErrors.invalid_request, 'code is required.');
        return exchangeAuthorizationCode({
          code,
          codeVerifier: form.get('code_verifier') ?? undefined,
          redirectUri: form.get('redirect_uri') ?? undefined,
          clientId: credentials.clientId,
        });
      }
      if (grantType === DEVICE_CODE_GRANT_TYPE) {
        const deviceCode = form.get('device_code');
        if (!deviceCode) throw new AppError(OAuthErrors.invalid_request, 'device_code is required.');
        return exchangeDeviceCode({ deviceCode, clientId: credentials.clientId });
      }
      const refreshToken = form.get('refresh_token');
      if (!refreshToken) throw new AppError(OAuthErrors.invalid_request, 'refresh_token is required.');
      return exchangeRefreshToken({ refreshToken, clientId: credentials.clientId });
    }
    case 'client_credentials':
      return exchangeClientCredentials(credentials, form.get('scope'));
    default:
      throw new AppError(OAuthErrors.unsupported_grant_type, `Unsupported grant_type: ${grantType.slice(0, 100)}`);
  }
}
