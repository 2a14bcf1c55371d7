// The steps of the sign-in org choice and of the policies (lib/sign-in/steps.ts puts them after
// sign-in, consent, MFA and the enrollments), and which policies a deployment and a user may use.
// The actions themselves live next to this file.
//
// Rules:
// - `policy` on /authorize names one page after sign-in (Melody's policies, plus Tessera's
//   delete_account and manage_sessions). A policy in BLOCKED_POLICIES, or whose feature is off, is
//   refused at /authorize (invalid_request to the client) and again by every action endpoint.
// - The org choice (switch_org) comes first when ENABLE_ORG and ALLOW_USER_SWITCH_ORG_ON_SIGN_IN are
//   on and the user belongs to at least one org (branding-only orgs are not memberships); not for
//   change_org (that page is the choice) or delete_account, nor for device approvals.
// - Each action is bound to its request: it runs only while the request's current step is that
//   policy, so a request started for one policy cannot drive another policy's endpoint.
// - The sensitive policies (SENSITIVE_POLICIES) need a fresh sign-in: /authorize never reuses an
//   SSO session for them, and a sign-in older than SENSITIVE_ACTION_MAX_AGE is asked again.
// - Password and email policies need a local account (external accounts' credentials belong to
//   their provider); change_password also needs a password. delete_account needs a sign-in made in
//   this very request (never a reused SSO session) and refuses accounts holding a built-in role.
import { db } from '@/lib/db';
import { config } from '@/lib/config';
import type { FlowRow, FlowStep } from '@/lib/flow';
import type { PolicyName } from '@/lib/oauth/policies';

export type PostSignInStep = 'switch_org' | PolicyName;

/** Hosted page path (under /identity/v1/) of each post-sign-in step. */
export const POST_SIGN_IN_PATHS: Record<PostSignInStep, string> = {
  switch_org: 'switch-org',
  update_info: 'update-info',
  change_password: 'change-password',
  change_email: 'change-email',
  change_org: 'change-org',
  delete_account: 'delete-account',
  manage_sessions: 'manage-sessions',
  reset_mfa: 'reset-mfa',
  manage_passkey: 'manage-passkey',
  manage_recovery_code: 'manage-recovery-code',
};

/**
 * The policies that change credentials or sessions (issue 12 item 7): they need a sign-in made in
 * the request itself (never a reused SSO session) within SENSITIVE_ACTION_MAX_AGE; an older one
 * is asked again (common.ts renewStaleSignIn).
 */
export const SENSITIVE_POLICIES: readonly PolicyName[] = ['change_email', 'change_password', 'manage_passkey', 'manage_recovery_code', 'reset_mfa', 'delete_account', 'manage_sessions'];

export function isSensitivePolicy(policy: string | null): boolean {
  return policy !== null && (SENSITIVE_POLICIES as readonly string[]).includes(policy);
}

async function needsOrgSwitch(row: FlowRow): Promise<boolean> {
  const settings = config();
  if (!settings.enableOrg || !settings.allowUserSwitchOrgOnSignIn || !row.userId) return false;
  if (row.completedSteps.includes('switch_org') || row.deviceAuthorizationId) return false;
  if (row.policy === 'change_org' || row.policy === 'delete_account') return false;
  return (await db.userOrg.count({ where: { userId: row.userId, org: { onlyUseForBrandingOverride: false } } })) > 0;
}

/** The org choice after sign-in, consent, MFA and the enrollments. */
export const switchOrgStep: FlowStep = {
  name: 'switch_org',
  page: POST_SIGN_IN_PATHS.switch_org,
  phase: 'account',
  applies: ({ row }) => needsOrgSwitch(row),
};

/** The step of a policy: the page the request was started for (`policy` on /authorize), until it is done. */
export function policyStep(policy: PolicyName): FlowStep {
  return {
    name: policy,
    page: POST_SIGN_IN_PATHS[policy],
    phase: 'account',
    applies: ({ row }) => row.policy === policy && !row.completedSteps.includes(policy),
  };
}

/** The policies whose pages identity owns (reset_mfa, manage_passkey and manage_recovery_code belong to their capabilities). */
export const IDENTITY_POLICY_STEPS: readonly FlowStep[] = (
  ['update_info', 'change_password', 'change_email', 'change_org', 'delete_account', 'manage_sessions'] as const
).map(policyStep);
