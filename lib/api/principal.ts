import type { NextRequest } from 'next/server';
import type { Principal } from '@/lib/access/principal';
import { missingScopes } from '@/lib/access/scopes';
import type { ROOT_ONLY_ADMIN_SCOPES } from '@/lib/access/rights';
import { adminSessionCookieName } from '@/lib/admin/cookies';
import { checkAdminCsrf } from '@/lib/admin/csrf';
import { AdminErrors } from '@/lib/admin/errors';
import { findAdminSession, touchAdminSession, type AdminSessionView } from '@/lib/admin/session';
import { AppError } from '@/lib/errors';
import { authenticateApiKey } from '@/lib/api-keys/service';
import { API_KEY_PREFIX } from '@/lib/api-keys/schemas';
import { clientIp, readBearerToken } from '@/lib/http/request';
import { OAuthErrors } from '@/lib/oauth/errors';
import { authenticateS2sToken } from '@/lib/s2s/guard';

/** Who calls the S2S API: the access module's principal (lib/access/principal.ts). */
export type ApiPrincipal = Principal;

export interface PrincipalOptions {
  /**
   * A dashboard right (impersonation, manage_saml) that lets an admin session call an operation
   * in place of `requiredScopes` (S2S apps hold no such right: for them root stays needed).
   */
  adminScope?: (typeof ROOT_ONLY_ADMIN_SCOPES)[number];
}

/** The API key the request presents: the X-API-Key header, else a Bearer token that is one (tsk_…). */
function presentedApiKey(request: NextRequest): string | null {
  const header = request.headers.get('x-api-key');
  if (header !== null) return header;
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization')?.trim() ?? '')?.[1];
  return bearer?.startsWith(API_KEY_PREFIX) ? bearer : null;
}

/**
 * Authenticates the caller of the S2S API, then lets the access module decide. An API key
 * (X-API-Key, or `Authorization: Bearer tsk_…`) is checked by lib/api-keys (401 api_key_invalid,
 * api_key_revoked, api_key_expired; 403 api_key_ip_not_allowed) and holds its scopes as an S2S
 * token would. Any other Bearer token (any Authorization header) is an S2S app's, as it always was.
 * Without one, the admin session cookie:
 * the session must be live (else 401 admin_session_expired), a write must pass the CSRF check
 * (403 csrf_check_failed) and the user must hold an admin right (403 admin_access_required).
 * Either way every required scope must be held (403 insufficient_scope; lib/access/scopes.ts).
 * Roles are re-read on every request, so a revoked role takes effect at once.
 */
export async function resolveApiPrincipal(
  request: NextRequest,
  requiredScopes: readonly string[],
  options: PrincipalOptions = {},
): Promise<ApiPrincipal> {
  const apiKey = presentedApiKey(request);
  if (apiKey !== null) {
    const key = await authenticateApiKey(apiKey, clientIp(request));
    const principal: ApiPrincipal = { kind: 'api_key', actorId: key.id, scopes: key.scopes };
    const missing = missingScopes(principal, requiredScopes);
    if (missing.length) throw new AppError(OAuthErrors.insufficient_scope, `The API key needs the scope: ${missing.join(' ')}`);
    return principal;
  }

  const sessionToken = request.cookies.get(adminSessionCookieName())?.value;
  if (request.headers.has('authorization') || sessionToken === undefined) {
    const caller = await authenticateS2sToken(readBearerToken(request));
    const principal: ApiPrincipal = { kind: 's2s', actorId: caller.app.clientId, scopes: caller.scopes };
    const missing = missingScopes(principal, requiredScopes);
    if (missing.length) throw new AppError(OAuthErrors.insufficient_scope, `The access token needs the scope: ${missing.join(' ')}`);
    return principal;
  }

  const session = await findAdminSession(sessionToken);
  if (!session) throw new AppError(AdminErrors.admin_session_expired);
  checkAdminCsrf(request, session.csrfToken);
  if (!session.scopes.length) throw new AppError(AdminErrors.admin_access_required);
  const missing = missingScopes(session, requiredScopes, options.adminScope);
  if (missing.length) throw new AppError(OAuthErrors.insufficient_scope, `The admin's roles do not grant: ${missing.join(' ')}`);
  await touchAdminSession(session.id);
  return adminPrincipal(session);
}

export function adminPrincipal(session: Pick<AdminSessionView, 'id' | 'userId' | 'scopes'>): ApiPrincipal {
  return { kind: 'admin', actorId: session.userId, scopes: session.scopes, adminSessionId: session.id };
}
