import { defineErrors } from '@/lib/errors';

// Codes the policy pages translate (messages: policies.errors.<code>).
export const PolicyErrors = defineErrors({
  policy_unavailable: { status: 403, message: 'This policy is not available on this server or for this account.' },
  external_account: { status: 403, message: 'The account signs in with an external provider: its password and email are managed there.' },
  no_password: { status: 403, message: 'The account has no password.' },
  wrong_password: { status: 400, message: 'The current password is incorrect.' },
  password_unchanged: { status: 400, message: 'The new password must differ from the current one.' },
  email_unchanged: { status: 400, message: 'This is already the email address of the account.' },
  email_taken: { status: 409, message: 'Another account uses this email address.' },
  invalid_code: { status: 400, message: 'The code is incorrect or has expired.' },
  no_code_sent: { status: 400, message: 'Request a code for the new address first.' },
  org_not_available: { status: 400, message: 'The account is not a member of this org.' },
  fresh_sign_in_required: { status: 403, message: 'Deleting the account needs a sign-in made for this request.' },
  email_unverified: { status: 403, message: 'Verify the email address before setting up passkeys or recovery codes.' },
  sign_in_again: { status: 401, message: 'The sign-in is too old for this change: sign in again.' },
  protected_account: { status: 403, message: 'An account holding a built-in role (super_admin) cannot delete itself.' },
  confirmation_required: { status: 400, message: 'Confirm the deletion explicitly.' },
  session_not_found: { status: 404, message: 'No active session with this id.' },
  current_session: { status: 400, message: 'This browser’s own session ends by signing out, not from this list.' },
});
