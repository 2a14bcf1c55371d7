import { config } from '@/lib/config';
import { db } from '@/lib/db';
import type { User } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors';
import { defineAction, signedInDuringRequest, type Flow, type FlowContext, type FlowOutcome, type FlowRow } from '@/lib/flow';
import { listUserOrgs } from '@/lib/orgs/memberships';
import { PolicyErrors } from './errors';
import { isSensitivePolicy, type PostSignInStep } from './steps';
import { policyUnavailability, type PolicyName } from '@/lib/oauth/policies';

export type PolicyIneligibility =
  | 'policy_unavailable'
  | 'external_account'
  | 'no_password'
  | 'org_not_available'
  | 'fresh_sign_in_required'
  | 'protected_account'
  | 'email_unverified';

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
    // Not before the address is verified (issue 12 item 2): see lib/passkeys/steps.ts.
    case 'manage_passkey':
    case 'manage_recovery_code':
      if (!local) return 'external_account';
      return user.emailVerified || config().emailVerificationMode === 'none' ? null : 'email_unverified';
  }
}

/** Whether the request's sign-in is fresh enough for a sensitive policy: made in this request, within SENSITIVE_ACTION_MAX_AGE. */
export function signInIsFresh(row: FlowRow): boolean {
  return signedInDuringRequest(row) && Date.now() - row.authTime!.getTime() <= config().sensitiveActionMaxAge * 1000;
}

/**
 * A request at a sensitive policy whose sign-in is not fresh goes back to the sign-in page
 * (password, plus MFA if enrolled, or a passkey): the outcome of that, or null when it may go on.
 */
export async function renewStaleSignIn(flow: Flow): Promise<FlowOutcome | null> {
  if (!isSensitivePolicy(flow.row.policy) || signInIsFresh(flow.row)) return null;
  return flow.restartSignIn();
}

export interface PolicyActionScope {
  flow: Flow;
  row: FlowRow;
  user: User;
  context: FlowContext;
}

/**
 * An action of a post-sign-in page: runs only while the request is at `step`, the policy is still
 * available on this server and to the request's user (the reason otherwise), with that user.
 */
export function definePolicyAction<I, R>(step: PostSignInStep, run: (scope: PolicyActionScope, input: I) => Promise<R>) {
  return defineAction<I, R>({
    steps: step,
    async run(flow, input) {
      const user = await flow.user();
      if (step !== 'switch_org' && (await renewStaleSignIn(flow))) throw new AppError(PolicyErrors.sign_in_again);
      if (step !== 'switch_org') {
        const reason = await policyIneligibility(step, flow.row, user);
        if (reason) throw new AppError(PolicyErrors[reason]);
      }
      return run({ flow, row: flow.row, user, context: flow.context }, input);
    },
  });
}
