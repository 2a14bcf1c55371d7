import { findAppByClientId, type AppWithScopes } from '@/lib/apps/service';
import { AppError } from '@/lib/errors';
import { OAuthErrors } from '@/lib/oauth/errors';
import { verifyAccessToken } from '@/lib/oauth/jwt';
import { S2sErrors } from './errors';

export interface S2sCaller {
  app: AppWithScopes;
  /** Scopes of the token that the app still holds. */
  scopes: string[];
}

/**
 * Who holds a Bearer access token sent to an S2S endpoint: a valid token of ours (else 401),
 * issued to an app that still exists and is active (else 401: the credential is dead), of type
 * s2s (else 403). Only the token's scopes the app still holds count, so removing a scope from an
 * app takes effect before its tokens expire. What those scopes allow is the access module's call
 * (lib/access).
 */
export async function authenticateS2sToken(token: string): Promise<S2sCaller> {
  const claims = await verifyAccessToken(token);
  const app = await findAppByClientId(claims.azp);
  if (!app || !app.isActive) throw new AppError(OAuthErrors.invalid_token, 'The app this token was issued to is unknown or inactive.');
  if (app.type !== 's2s') throw new AppError(S2sErrors.s2s_app_required);
  return { app, scopes: claims.scope.split(' ').filter((scope) => app.scopeNames.includes(scope)) };
}
