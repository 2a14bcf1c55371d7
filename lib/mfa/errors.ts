import { defineErrors } from '@/lib/errors';

export const MfaErrors = defineErrors({
  factor_not_offered: { status: 400, message: 'This factor cannot be chosen for this sign-in.' },
  email_fallback_unavailable: { status: 403, message: 'A code by email cannot replace this factor.' },
  no_email_address: { status: 400, message: 'The account has no email address to send a code to.' },
  sms_needs_verified_email: { status: 403, message: 'Verify the email address before receiving codes by SMS.' },
  phone_number_required: { status: 400, message: 'Enter a phone number first.' },
  otp_already_verified: { status: 400, message: 'The authenticator app is already set up.' },
  not_enrolled: { status: 404, message: 'The user is not enrolled in this factor.' },
});
