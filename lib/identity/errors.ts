import { defineErrors } from '@/lib/errors';

export const IdentityErrors = defineErrors({
  wrong_step: { status: 409, message: 'This step is not available for the sign-in request right now.' },
  password_sign_in_disabled: { status: 403, message: 'Password sign-in is disabled.' },
  invalid_user_code: { status: 400, message: 'The code is invalid or has expired.' },
});
