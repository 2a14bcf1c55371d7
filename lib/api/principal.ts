import type { NextRequest } from 'next/server';
import { adminSessionCookieName } from '@/lib/admin/cookies';
import { checkAdminCsrf } from '@/lib/admin/csrf';
import { AdminErrors } from '@/lib/admin/errors';
import { findAdminSession, touchAdminSession, type AdminSessionView } from '@/lib/admin/session';
import { AppError } from '@/lib/errors';
import { readBearerToken } from '@/lib/http/request';
import { OAuthErrors } from '@/lib/oauth/errors';
import type { ROOT_ONLY_ADMIN_SCOPES } from '@/lib/roles/admin-scopes';
import { authorizeS2sToken, ROOT_SCOPE } from '@/lib/s2s/guard';

/**
 * Who calls the S2S API: an S2S app's access token, or the admin dashboard's session, whose
 * user's roles map to the same scope set (lib/admin/rights.ts). One permission check serves both.
 */
export type ApiPrincipal =
  | {
      kind: 's2s';
      /** Client id of the calling app: the actor recorded in the audit log. */
      actorId: string;
      scopes: readonly string[];
    }
  | {
      kind: 'admin';
      /** Id of the signed-in admin user: the actor recorded in the audit log. */
      actorId: string;
      /** Scopes the user's roles give now (super_admin: root). */
      scopes: readonly string[];
      adminSessionId: string;
    };

export interface PrincipalOptions {
  /**
   * A dashboard right (impersonation, manage_saml) that lets an admin session call an operation
   * in place of `requiredScopes` (S2S apps hold no such right: for them root stays needed).
   */
  adminScope?: (typeof ROOT_ONLY_ADMIN_SCOPES)[number];
}

/**
 * A Bearer token (any Authorization header) is an S2S app's, as it always was. Without one, the
 * admin session cookie: the session must be live (else 401 admin_session_expired), a write must
 * pass the CSRF check (403 csrf_check_failed), the user must hold an admin right (403
 * admin_access_required) and every required scope (403 insufficient_scope; root grants all).
 * Roles are re-read on every request, so a revoked role takes effect at once.
 */
export async function resolveApiPrincipal(
  request: NextRequest,
  requiredScopes: readonly string[],
  options: PrincipalOptions = {},
): Promise<ApiPrincipal> {
  const sessionToken = request.cookies.get(adminSessionCookieName())?.value;
  if (request.headers.has('authorization') || sessionToken === undefined) {
    const caller = await authorizeS2sToken(readBearerToken(request), requiredScopes);
    return { kind: 's2s', actorId: caller.app.clientId, scopes: caller.scopes };
  }

  const session = await findAdminSession(sessionToken);
  if (!session) throw new AppError(AdminErrors.admin_session_expired);
  checkAdminCsrf(request, session.csrfToken);
  if (!session.scopes.length) throw new AppError(AdminErrors.admin_access_required);
  const { scopes } = session;
  const missing = missingAdminScopes(scopes, requiredScopes, options);
  if (missing.length) throw new AppError(OAuthErrors.insufficient_scope, `The admin's roles do not grant: ${missing.join(' ')}`);
  await touchAdminSession(session.id);
  return adminPrincipal(session);
}

/** The required scopes an admin session's `scopes` lack (none with root, or with the operation's admin right). */
export function missingAdminScopes(scopes: readonly string[], requiredScopes: readonly string[], options: PrincipalOptions = {}): string[] {
  if (scopes.includes(ROOT_SCOPE)) return [];
  if (options.adminScope !== undefined && scopes.includes(options.adminScope)) return [];
  return requiredScopes.filter((scope) => !scopes.includes(scope));
}

export function adminPrincipal(session: Pick<AdminSessionView, 'id' | 'userId' | 'scopes'>): ApiPrincipal {
  return { kind: 'admin', actorId: session.userId, scopes: session.scopes, adminSessionId: session.id };
}

export function hasScope(principal: ApiPrincipal, scope: string): boolean {
  return principal.scopes.includes('root') || principal.scopes.includes(scope);
}
