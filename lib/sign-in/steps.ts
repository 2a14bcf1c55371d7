// The sign-in's step table: every capability's registered steps, in the order a request passes
// them (Melody's order, contract §2.2, plus Tessera's email verification). The current step of a
// request is the first step of its phase whose guard applies (lib/flow). To add a step, export a
// FlowStep from its capability and list it here: see README "Adding a sign-in step".
import type { FlowStep } from '@/lib/flow';
import { consentStep } from '@/lib/identity/consent';
import { passwordlessVerifyStep } from '@/lib/identity/passwordless';
import { IDENTITY_POLICY_STEPS, switchOrgStep } from '@/lib/identity/policies/steps';
import { signInStep } from '@/lib/identity/sign-in';
import { verifyEmailStep } from '@/lib/identity/verify-email-step';
import { MFA_STEPS } from '@/lib/mfa/flow-steps';
import { resetMfaStep } from '@/lib/mfa/reset';
import { managePasskeyStep, passkeyEnrollStep } from '@/lib/passkeys/steps';
import { manageRecoveryCodeStep, recoveryCodeEnrollStep } from '@/lib/recovery-codes/flow';

export const SIGN_IN_STEPS: readonly FlowStep[] = [
  // identify: until a user is set on the request. The sign-in page comes last: it always applies.
  passwordlessVerifyStep,
  signInStep,
  // account: once signed in.
  verifyEmailStep,
  consentStep,
  ...MFA_STEPS, // mfa_enroll, otp_setup, otp_mfa, sms_mfa, email_mfa
  passkeyEnrollStep,
  recoveryCodeEnrollStep,
  switchOrgStep,
  // The page a request was started for (`policy`); at most one applies.
  ...IDENTITY_POLICY_STEPS,
  resetMfaStep,
  managePasskeyStep,
  manageRecoveryCodeStep,
];
