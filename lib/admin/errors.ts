import { defineErrors } from '@/lib/errors';

export const AdminErrors = defineErrors({
  admin_session_expired: { status: 401, message: 'The admin session has expired or ended: sign in to the dashboard again.' },
  admin_access_required: {
    status: 403,
    message: 'This user holds no admin right: an admin role (super_admin, or a role with admin scopes) is needed.',
  },
  csrf_check_failed: {
    status: 403,
    message: 'A write with the admin session cookie must come from this server’s origin and carry the session’s X-Tessera-CSRF header.',
  },
  admin_sign_in_failed: { status: 400, message: 'The dashboard sign-in could not be completed.' },
});
