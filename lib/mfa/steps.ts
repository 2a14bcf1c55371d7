// Which MFA step a sign-in request needs, and which factors it must pass. The steps themselves
// (guards, views, actions) are registered in flow-steps.ts; lib/sign-in/steps.ts puts them after
// sign-in, email verification and consent, before the passkey / recovery-code enrollments.
//
// Rules (Melody's order, contract §2.2: MFA enrollment → OTP setup / verify → SMS → email):
// - A factor is asked when the app's MFA configuration requires it or the user is enrolled in it
//   (MfaEnrollment). The app's configuration is the system's (OTP_MFA_IS_REQUIRED,
//   EMAIL_MFA_IS_REQUIRED, SMS_MFA_IS_REQUIRED, ENFORCE_ONE_MFA_ENROLLMENT,
//   ALLOW_EMAIL_MFA_AS_BACKUP) unless the app sets useSystemMfaConfig=false: then its own require*
//   flags and allowEmailMfaAsBackup apply and there is no enrollment prompt (Melody).
// - mfa_enroll: when no factor is required and the user has none, ENFORCE_ONE_MFA_ENROLLMENT (or
//   an admin's "MFA required" on the user) makes the user pick one of the allowed factors; the
//   chosen factor is then asked like an enrolled one, in this very request.
// - otp_setup instead of otp_mfa while the user's TOTP secret is not verified yet.
// - Accounts of an external provider skip local MFA (Melody's ExternalSignInCanBypassLocalMfa).
// - A passkey or recovery-code sign-in satisfies MFA (a fully authorized sign-in, lib/flow).
// - A factor is passed in this request (completedSteps) or by the SSO session the request reuses:
//   passing a factor adds its amr value (FACTOR_AMR) to the request and to its SSO session, so a
//   session that stopped before MFA is asked again and one that passed it is not.
// - A remembered device (lib/mfa/remember-device.ts) completes its factor's step when the page
//   for that step is reached; the state machine itself only sees completed steps and amr.
import { config } from '@/lib/config';
import { db } from '@/lib/db';
import type { MfaType } from '@/lib/db/generated/client';
import { isFullyAuthorized } from '@/lib/flow';

export type MfaStep = 'mfa_enroll' | 'otp_setup' | 'otp_mfa' | 'sms_mfa' | 'email_mfa';

/** Hosted page path (under /identity/v1/) of each MFA step (Melody's view names). */
export const MFA_STEP_PATHS: Record<MfaStep, string> = {
  mfa_enroll: 'mfa-enroll',
  otp_setup: 'otp-setup',
  otp_mfa: 'otp-mfa',
  sms_mfa: 'sms-mfa',
  email_mfa: 'email-mfa',
};

export const MFA_TYPES = ['otp', 'email', 'sms'] as const satisfies readonly MfaType[];

/** The step of each factor that marks it passed in completedSteps. */
export const FACTOR_STEP: Record<MfaType, 'otp_mfa' | 'sms_mfa' | 'email_mfa'> = { otp: 'otp_mfa', sms: 'sms_mfa', email: 'email_mfa' };

/** amr values of the factors (RFC 8176 has sms; totp and email are Tessera's, distinct from passwordless' otp). */
export const FACTOR_AMR: Record<MfaType, string> = { otp: 'totp', sms: 'sms', email: 'email' };

export interface MfaRules {
  required: Record<MfaType, boolean>;
  /** Factors offered by the enrollment prompt; empty: no prompt. */
  enforceOne: MfaType[];
  allowEmailBackup: boolean;
}

interface AppMfaConfig {
  useSystemMfaConfig: boolean;
  requireEmailMfa: boolean;
  requireOtpMfa: boolean;
  requireSmsMfa: boolean;
  allowEmailMfaAsBackup: boolean;
}

/** The MFA configuration that applies to an app's sign-ins: its own, or the system's. */
export function mfaRules(app: AppMfaConfig): MfaRules {
  if (!app.useSystemMfaConfig) {
    return {
      required: { otp: app.requireOtpMfa, email: app.requireEmailMfa, sms: app.requireSmsMfa },
      enforceOne: [],
      allowEmailBackup: app.allowEmailMfaAsBackup,
    };
  }
  const settings = config();
  const required = { otp: settings.otpMfaIsRequired, email: settings.emailMfaIsRequired, sms: settings.smsMfaIsRequired };
  return {
    required,
    // Melody: the enrollment rule only applies when no factor is required.
    enforceOne: Object.values(required).some(Boolean) ? [] : settings.enforceOneMfaEnrollment,
    allowEmailBackup: settings.allowEmailMfaAsBackup,
  };
}

interface StepRow {
  userId: string | null;
  app: AppMfaConfig;
  completedSteps: string[];
  amr: string[];
}

/** What MFA means for this request's user: rules, enrollments and what is still to do. */
export async function mfaState(row: StepRow) {
  if (!row.userId) return null;
  const user = await db.user.findUnique({ where: { id: row.userId }, include: { mfaEnrollments: true, totpSecret: true } });
  if (!user) return null;
  const rules = mfaRules(row.app);
  const enrolled = new Set(user.mfaEnrollments.map((enrollment) => enrollment.type));
  const asked = (type: MfaType) => rules.required[type] || enrolled.has(type);
  // An admin's "MFA required" without a factor configured for the app: any factor will do.
  const enrollOffer = rules.enforceOne.length > 0 ? rules.enforceOne : user.mfaRequired ? [...MFA_TYPES] : [];
  const needsEnrollment = enrollOffer.length > 0 && !MFA_TYPES.some(asked);
  return { user, rules, enrolled, asked, enrollOffer, needsEnrollment };
}

/** Whether the request (or the SSO session it reuses) passed this factor. */
export function factorPassed(row: Pick<StepRow, 'completedSteps' | 'amr'>, type: MfaType): boolean {
  return row.completedSteps.includes(FACTOR_STEP[type]) || (type === 'otp' && row.completedSteps.includes('otp_setup')) || row.amr.includes(FACTOR_AMR[type]);
}

/** The MFA step this request still needs, or null. */
export async function mfaStep(row: StepRow): Promise<MfaStep | null> {
  if (!row.userId || isFullyAuthorized(row)) return null;
  const state = await mfaState(row);
  // Accounts of an external provider rely on its MFA (Melody's ExternalSignInCanBypassLocalMfa)
  // unless EXTERNAL_ACCOUNTS_REQUIRE_MFA asks for the local factors too.
  if (!state || (state.user.authProvider !== 'local' && !config().externalAccountsRequireMfa)) return null;
  if (state.needsEnrollment) return 'mfa_enroll';
  const pending = (type: MfaType) => state.asked(type) && !factorPassed(row, type);
  if (pending('otp')) return state.user.totpSecret?.verifiedAt ? 'otp_mfa' : 'otp_setup';
  if (pending('sms')) return 'sms_mfa';
  if (pending('email')) return 'email_mfa';
  return null;
}
