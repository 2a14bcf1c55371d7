import { safeEqual, sha256 } from '@/lib/crypto/tokens';
import { AppError } from '@/lib/errors';
import { findAppByClientId, type AppWithScopes } from '@/lib/apps/service';
import { OAuthErrors } from './errors';

export interface ClientCredentials {
  clientId?: string;
  clientSecret?: string;
  method: 'client_secret_basic' | 'client_secret_post' | 'none';
}

/** Reads client_secret_basic (RFC 6749 §2.3.1: form-encoded id and secret) or client_secret_post. */
export function readClientCredentials(authorization: string | null, form: URLSearchParams): ClientCredentials {
  if (authorization?.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    if (separator < 0) throw new AppError(OAuthErrors.invalid_client, 'Malformed Basic credentials.');
    try {
      return {
        clientId: decodeURIComponent(decoded.slice(0, separator).replace(/\+/g, ' ')),
        clientSecret: decodeURIComponent(decoded.slice(separator + 1).replace(/\+/g, ' ')),
        method: 'client_secret_basic',
      };
    } catch {
      throw new AppError(OAuthErrors.invalid_client, 'Malformed Basic credentials.');
    }
  }
  const clientSecret = form.get('client_secret') ?? undefined;
  return { clientId: form.get('client_id') ?? undefined, clientSecret, method: clientSecret ? 'client_secret_post' : 'none' };
}

/**
 * Authenticates a confidential (S2S) client. Secrets are high-entropy values we generated, so a
 * SHA-256 comparison in constant time is safe and keeps the token endpoint fast.
 */
export async function authenticateConfidentialClient(credentials: ClientCredentials): Promise<AppWithScopes> {
  if (!credentials.clientId || !credentials.clientSecret) throw new AppError(OAuthErrors.invalid_client, 'Client authentication is required.');
  const app = await findAppByClientId(credentials.clientId);
  const expected = app?.secretHash ?? sha256('no-such-client');
  const matches = safeEqual(sha256(credentials.clientSecret), expected);
  if (!app || !matches || !app.isActive) throw new AppError(OAuthErrors.invalid_client);
  return app;
}
