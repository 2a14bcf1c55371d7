/** Stable error codes with a localized message in `errors.codes` (ErrorView, form alerts). */
export const ERROR_CODES = [
  'invalid_request',
  'invalid_client',
  'invalid_redirect_uri',
  'unsupported_response_type',
  'invalid_scope',
  'request_expired',
  'request_not_found',
  'invalid_user_code',
  'server_error',
  // sign-up, email verification, password reset, passwordless, invitations
  'invalid_code',
  'wrong_step',
  'sign_up_disabled',
  'password_reset_disabled',
  'passwordless_disabled',
  'registration_closed',
  'email_verification_required',
  'magic_link_invalid',
  'magic_link_other_browser',
  'invitation_invalid',
  'invitation_expired',
  // SMS toll fraud (issue 12 item 10)
  'sms_country_not_allowed',
  'sms_needs_verified_email',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

/**
 * Codes that end the sign-in request: the browser goes to the auth-code-expired page, which tells
 * why (ran out of time, or too many wrong codes: issue 12) and leads back to the app.
 */
export function endsRequest(code: string): boolean {
  return code === 'request_expired' || code === 'too_many_attempts';
}
