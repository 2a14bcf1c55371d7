import { findClientCached } from '@/lib/apps/client-cache';
import { AppError } from '@/lib/errors';
import { runAfterClientCredentials, toHookApp } from '@/lib/hooks';
import { authenticateConfidentialClient, type ClientCredentials } from './client-auth';
import { OAuthErrors } from './errors';
import { issueClientAccessToken, type TokenResponse } from './tokens';

/**
 * client_credentials grant for S2S apps. As in Melody Auth, requested scopes are filtered to the
 * app's; asking only for scopes the app lacks is an error, asking for none grants all of them.
 * The hot S2S path: the app is read through the 5-second client cache (lib/apps/client-cache.ts).
 */
export async function exchangeClientCredentials(credentials: ClientCredentials, scope: string | null): Promise<TokenResponse> {
  const app = await authenticateConfidentialClient(credentials, findClientCached);
  if (app.type !== 's2s') throw new AppError(OAuthErrors.unauthorized_client, 'Only S2S apps may use client_credentials.');
  const requested = [...new Set((scope ?? '').split(' ').filter(Boolean))];
  const granted = requested.filter((name) => app.scopeNames.includes(name));
  if (requested.length && !granted.length) throw new AppError(OAuthErrors.invalid_scope, 'None of the requested scopes is allowed for this client.');
  const scopes = requested.length ? granted : [...app.scopeNames];
  const tokens = await issueClientAccessToken(app, scopes);
  await runAfterClientCredentials({ app: toHookApp(app), scopes });
  return tokens;
}
