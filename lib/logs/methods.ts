// The sign-in log's `method` values (pure: the dashboard's filter lists them too).

/** How someone signed in; also the `method` of the afterSignIn hook. */
export const SIGN_IN_METHODS = ['password', 'sign_up', 'passwordless', 'magic_link', 'passkey', 'recovery_code'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

/** A second factor passed or refused after the sign-in. */
export const MFA_LOG_METHODS = ['otp_mfa', 'sms_mfa', 'email_mfa'] as const;
export type MfaLogMethod = (typeof MFA_LOG_METHODS)[number];

export const SIGN_IN_LOG_METHODS = [...SIGN_IN_METHODS, ...MFA_LOG_METHODS] as const;
