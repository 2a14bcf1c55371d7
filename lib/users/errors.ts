import { defineErrors } from '@/lib/errors';

export const UserErrors = defineErrors({
  invalid_credentials: { status: 401, message: 'The email or password is incorrect.' },
  account_disabled: { status: 403, message: 'This account is disabled.' },
  email_taken: { status: 409, message: 'An account with this email already exists.' },
  weak_password: { status: 400, message: 'The password does not meet the password policy.' },
  unknown_role: { status: 400, message: 'A role does not exist.' },
  user_not_found: { status: 404, message: 'No user with this id.' },
});
