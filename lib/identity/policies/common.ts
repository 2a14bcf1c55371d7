import { db } from '@/lib/db';
import { listUserOrgs } from '@/lib/orgs/memberships';
import type { User } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors';
import { AuthorizePageErrors } from '@/lib/oauth/errors';
import { loadStep, type BrowserContext, type FlowRow } from '../flow';
import { PolicyErrors } from './errors';
import { policyUnavailability, type PolicyName, type PostSignInStep } from './steps';
import { config } from '@/lib/config';

export type PolicyIneligibility =
  | 'policy_unavailable'
  | 'external_account'
  | 'no_password'
  | 'org_not_available'
  | 'fresh_sign_in_required'
  | 'protected_account';

/** The signed-in user of a request past sign-in (deleted meanwhile: the request is gone too). */
export async function flowUser(row: FlowRow): Promise<User> {
  const user = row.userId ? await db.user.findUnique({ where: { id: row.userId } }) : null;
  if (!user) throw new AppError(AuthorizePageErrors.request_not_found);
  return user;
}

/** Whether this request's sign-in happened in the request itself (not a reused SSO session). */
export function signedInDuringRequest(row: FlowRow): boolean {
  return row.authTime !== null && row.authTime.getTime() >= row.createdAt.getTime() && row.amr.length > 0;
}

/** Why `user` cannot use `policy` in this request (the page explains it), or null. */
export async function policyIneligibility(policy: PolicyName, row: FlowRow, user: User): Promise<PolicyIneligibility | null> {
  if (policyUnavailability(policy)) return 'policy_unavailable';
  const local = user.authProvider === 'local';
  switch (policy) {
    case 'change_password':
      if (!local) return 'external_account';
      return user.passwordHash ? null : 'no_password';
    case 'change_email':
      return local ? null : 'external_account';
    case 'change_org':
      return (await listUserOrgs(user.id)).length ? null : 'org_not_available';
    case 'delete_account':
      if (!signedInDuringRequest(row)) return 'fresh_sign_in_required';
      return (await db.userRole.count({ where: { userId: user.id, role: { isBuiltIn: true } } })) ? 'protected_account' : null;
    case 'update_info':
      if (config().enableNames) return null;
      return config().enableUserAttribute && (await db.userAttribute.count()) > 0 ? null : 'policy_unavailable';
    case 'manage_sessions':
    case 'reset_mfa':
      return null;
    // Passkeys and recovery codes stand in for the local password: nothing to manage for others.
    case 'manage_passkey':
    case 'manage_recovery_code':
      return local ? null : 'external_account';
  }
}

/**
 * The prologue of every post-sign-in action: this browser's request, at `step`, still available
 * on this server and to its user. Returns the request and the user.
 */
export async function beginStepAction(context: Pick<BrowserContext, 'requestId' | 'bindingSecret'>, step: PostSignInStep) {
  const row = await loadStep(context, step);
  const user = await flowUser(row);
  if (step !== 'switch_org') {
    const reason = await policyIneligibility(step, row, user);
    if (reason) throw new AppError(PolicyErrors[reason]);
  }
  return { row, user };
}
