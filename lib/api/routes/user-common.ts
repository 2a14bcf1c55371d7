// Shared by the users route modules (which export nothing but routes: the registry lists them all).
import { z } from 'zod';
import type { UserAdminCaller } from '@/lib/users/admin';
import { auditActor } from '../actor';
import type { ApiPrincipal } from '../principal';

export const authIdParams = z.object({ authId: z.string().uuid() });

export function userCaller(principal: ApiPrincipal, ip: string): UserAdminCaller {
  return { actor: auditActor(principal, ip), scopes: principal.scopes };
}
