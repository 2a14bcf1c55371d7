import { defineErrors } from '@/lib/errors';

export const IdentityErrors = defineErrors({
  password_sign_in_disabled: { status: 403, message: 'Password sign-in is disabled.' },
  invalid_user_code: { status: 400, message: 'The code is invalid or has expired.' },
  // Sign-up, email verification, password reset, passwordless, invitations (hosted pages).
  sign_up_disabled: { status: 403, message: 'Sign-up is disabled.' },
  password_reset_disabled: { status: 403, message: 'Password reset is disabled.' },
  passwordless_disabled: { status: 403, message: 'Passwordless sign-in is disabled.' },
  registration_closed: { status: 403, message: 'This organization does not accept new accounts.' },
  invalid_code: { status: 400, message: 'The code is incorrect or has expired.' },
  password_unchanged: { status: 400, message: 'The new password must differ from the current one.' },
  email_verification_required: { status: 403, message: 'The email address must be verified to continue.' },
  magic_link_invalid: { status: 400, message: 'This sign-in link is invalid, has expired or was already used.' },
  magic_link_other_browser: { status: 400, message: 'Open the sign-in link in the browser where you started signing in.' },
  // Issue 12: a request allows 5 code attempts per step; then it ends (the auth-code-expired page).
  too_many_attempts: { status: 429, message: 'Too many wrong codes: this sign-in has ended. Start again from the application.' },
});
