import type { NextRequest } from 'next/server';
import { readBearerToken } from '@/lib/http/request';
import { authorizeS2sToken } from '@/lib/s2s/guard';

/**
 * Who calls the S2S API. Today an S2S app's access token; the admin dashboard's session maps its
 * user's roles to the same scope set, so one permission check serves both principals.
 */
export interface ApiPrincipal {
  kind: 's2s';
  /** Client id of the calling app: the actor recorded in the audit log. */
  actorId: string;
  scopes: readonly string[];
}

export async function resolveApiPrincipal(request: NextRequest, requiredScopes: readonly string[]): Promise<ApiPrincipal> {
  const caller = await authorizeS2sToken(readBearerToken(request), requiredScopes);
  return { kind: 's2s', actorId: caller.app.clientId, scopes: caller.scopes };
}

export function hasScope(principal: ApiPrincipal, scope: string): boolean {
  return principal.scopes.includes('root') || principal.scopes.includes(scope);
}
