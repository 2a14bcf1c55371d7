import { defineErrors } from '@/lib/errors';

export const UserErrors = defineErrors({
  invalid_credentials: { status: 401, message: 'The email or password is incorrect.' },
  account_disabled: { status: 403, message: 'This account is disabled.' },
  email_taken: { status: 409, message: 'An account with this email already exists.' },
  weak_password: { status: 400, message: 'The password does not meet the password policy.' },
  unknown_role: { status: 400, message: 'A role does not exist.' },
  user_not_found: { status: 404, message: 'No user with this id.' },
  // user management (S2S API, admin dashboard)
  root_required: {
    status: 403,
    message: 'Only a root caller may assign or remove built-in roles (super_admin), delete or deactivate a user holding one, or export password hashes.',
  },
  invitation_pending: { status: 400, message: 'A user with a pending invitation is activated by accepting it.' },
  metadata_too_large: { status: 400, message: 'The metadata is too large.' },
  org_not_joined: { status: 400, message: 'The user is not a member of this org.' },
  email_already_verified: { status: 400, message: 'The email address is already verified.' },
  no_email: { status: 400, message: 'The user has no email address.' },
  consent_not_found: { status: 404, message: 'The user has not consented to this app.' },
  session_not_found: { status: 404, message: 'No active session with this id.' },
  passkey_not_found: { status: 404, message: 'No passkey with this id.' },
  already_linked: { status: 400, message: 'One of the users is already linked to another account.' },
  cannot_link_self: { status: 400, message: 'A user cannot be linked to itself.' },
  not_linked: { status: 400, message: 'The user is not linked to another account.' },
  invitation_not_found: { status: 400, message: 'The user has no pending invitation.' },
  user_already_active: { status: 400, message: 'The user is already active.' },
  invalid_impersonator: {
    status: 403,
    message: 'The impersonator token must be a valid access token, issued to a SPA app, of an active user holding super_admin.',
  },
  impersonation_app_invalid: { status: 400, message: 'Impersonation needs an active SPA app.' },
  app_not_found: { status: 404, message: 'No app with this id.' },
  consent_required: { status: 400, message: 'The user has not consented to this app.' },
  user_inactive: { status: 400, message: 'The user is inactive.' },
  // accepting an invitation (hosted page)
  invitation_invalid: { status: 400, message: 'This invitation link is invalid or was already used.' },
  invitation_expired: { status: 400, message: 'This invitation has expired. Ask for a new one.' },
});
