import { safeEqual, sha256 } from '@/lib/crypto/tokens';
import { AppError } from '@/lib/errors';
import { findAppByClientId, type AppWithScopes } from '@/lib/apps/service';
import { OAuthErrors } from './errors';

export interface ClientCredentials {
  clientId?: string;
  clientSecret?: string;
  method: 'client_secret_basic' | 'client_secret_post' | 'none';
}

/**
 * Reads client_secret_basic (RFC 6749 §2.3.1: form-encoded id and secret) or client_secret_post.
 * A client_id in the form must name the same client as the Basic credentials.
 */
export function readClientCredentials(authorization: string | null, form: URLSearchParams): ClientCredentials {
  if (authorization?.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    if (separator < 0) throw new AppError(OAuthErrors.invalid_client, 'Malformed Basic credentials.');
    let credentials: ClientCredentials;
    try {
      credentials = {
        clientId: decodeURIComponent(decoded.slice(0, separator).replace(/\+/g, ' ')),
        clientSecret: decodeURIComponent(decoded.slice(separator + 1).replace(/\+/g, ' ')),
        method: 'client_secret_basic',
      };
    } catch {
      throw new AppError(OAuthErrors.invalid_client, 'Malformed Basic credentials.');
    }
    const formClientId = form.get('client_id');
    if (formClientId && formClientId !== credentials.clientId) {
      throw new AppError(OAuthErrors.invalid_request, 'client_id does not match the authenticated client.');
    }
    return credentials;
  }
  const clientSecret = form.get('client_secret') ?? undefined;
  return { clientId: form.get('client_id') ?? undefined, clientSecret, method: clientSecret ? 'client_secret_post' : 'none' };
}

/**
 * Authenticates a confidential (S2S) client. Secrets are high-entropy values we generated, so a
 * SHA-256 comparison in constant time is safe and keeps the token endpoint fast. An app without
 * a secret (SPA) never authenticates this way, whatever secret is presented. `findApp` lets the
 * client_credentials grant read through the short client cache (lib/apps/client-cache.ts).
 */
export async function authenticateConfidentialClient(
  credentials: ClientCredentials,
  findApp: (clientId: string) => Promise<AppWithScopes | null> = findAppByClientId,
): Promise<AppWithScopes> {
  if (!credentials.clientId || !credentials.clientSecret) throw new AppError(OAuthErrors.invalid_client, 'Client authentication is required.');
  const app = await findApp(credentials.clientId);
  const expected = app?.secretHash ?? sha256('no-such-client');
  const matches = safeEqual(sha256(credentials.clientSecret), expected);
  if (!app?.secretHash || !matches || !app.isActive) throw new AppError(OAuthErrors.invalid_client);
  return app;
}

/**
 * The caller of an endpoint open to public clients (revocation, RFC 7009 §2.1): a confidential
 * client must authenticate; a public SPA client has no secret and only names itself, with
 * client_id in the form or as the Basic user name with an empty password (Melody's SDK).
 */
export async function identifyClient(credentials: ClientCredentials): Promise<AppWithScopes> {
  if (credentials.clientSecret) return authenticateConfidentialClient(credentials);
  if (!credentials.clientId) throw new AppError(OAuthErrors.invalid_client, 'Client identification is required.');
  const app = await findAppByClientId(credentials.clientId);
  if (!app || !app.isActive) throw new AppError(OAuthErrors.invalid_client);
  if (app.type !== 'spa') throw new AppError(OAuthErrors.invalid_client, 'Confidential clients must authenticate.');
  return app;
}
