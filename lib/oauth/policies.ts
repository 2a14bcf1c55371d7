// The `policy` parameter of /authorize (Melody's policies, plus Tessera's delete_account and
// manage_sessions): which names exist and which ones the deployment offers. /authorize refuses an
// unavailable one; the policy steps themselves live in lib/identity/policies.
import { config, KNOWN_POLICIES } from '@/lib/config';

export type PolicyName = Exclude<(typeof KNOWN_POLICIES)[number], 'sign_in_or_sign_up'>;
export const POLICY_NAMES = KNOWN_POLICIES.filter((policy): policy is PolicyName => policy !== 'sign_in_or_sign_up');

export function isPolicyName(value: string): value is PolicyName {
  return (POLICY_NAMES as readonly string[]).includes(value);
}

/** Why the deployment refuses a policy, or null when it is available. */
export function policyUnavailability(policy: string): 'blocked' | 'disabled' | null {
  if (!isPolicyName(policy)) return null;
  const settings = config();
  if (settings.blockedPolicies.includes(policy)) return 'blocked';
  const enabled: Record<PolicyName, boolean> = {
    update_info: settings.enableNames || settings.enableUserAttribute,
    // Melody gates change_password on ENABLE_PASSWORD_RESET; without password sign-in there is
    // no password to change either.
    change_password: settings.enablePasswordReset && settings.enablePasswordSignIn,
    change_email: settings.enableEmailVerification,
    change_org: settings.enableOrg,
    delete_account: true,
    manage_sessions: true,
    reset_mfa: true,
    manage_passkey: settings.allowPasskeyEnrollment,
    manage_recovery_code: settings.enableRecoveryCode,
  };
  return enabled[policy] ? null : 'disabled';
}
