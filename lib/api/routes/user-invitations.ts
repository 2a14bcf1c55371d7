import { z } from 'zod';
import { EmailErrors } from '@/lib/email';
import { UserErrors } from '@/lib/users/errors';
import { inviteUser, inviteUserInput, resendInvitation, resendInvitationInput, revokeInvitation } from '@/lib/users/invitations';
import { defineApiRoute } from '../define';
import { userDetailRecord } from '../records';
import { authIdParams, userCaller } from './user-common';

const tag = 'Users';
const emailErrors = [EmailErrors.email_not_configured, EmailErrors.email_send_failed];

export const inviteUserRoute = defineApiRoute({
  method: 'POST',
  path: '/api/v1/users/invitations',
  operationId: 'inviteUser',
  summary: 'Invite a user: an inactive account and an emailed link to set a password (valid 7 days)',
  tag,
  scopes: ['write_user'],
  body: inviteUserInput,
  response: z.object({ user: userDetailRecord }),
  successStatus: 201,
  errors: [UserErrors.email_taken, UserErrors.unknown_role, UserErrors.root_required, ...emailErrors],
  handler: async ({ principal, body, ip }) => ({ user: await inviteUser(userCaller(principal, ip), body) }),
});

export const resendInvitationRoute = defineApiRoute({
  method: 'POST',
  path: '/api/v1/users/invitations/{authId}',
  operationId: 'resendUserInvitation',
  summary: 'Send the invitation again with a new link and expiry (the old link stops working)',
  tag,
  scopes: ['write_user'],
  params: authIdParams,
  body: resendInvitationInput,
  response: z.object({ success: z.literal(true) }),
  errors: [UserErrors.user_not_found, UserErrors.user_already_active, UserErrors.invitation_not_found, ...emailErrors],
  handler: async ({ principal, params, body, ip }) => {
    await resendInvitation(userCaller(principal, ip), params.authId, body);
    return { success: true as const };
  },
});

export const revokeInvitationRoute = defineApiRoute({
  method: 'DELETE',
  path: '/api/v1/users/invitations/{authId}',
  operationId: 'revokeUserInvitation',
  summary: 'Revoke a pending invitation (the user stays inactive)',
  tag,
  scopes: ['write_user'],
  params: authIdParams,
  successStatus: 204,
  errors: [UserErrors.user_not_found, UserErrors.user_already_active, UserErrors.invitation_not_found],
  handler: async ({ principal, params, ip }) => revokeInvitation(userCaller(principal, ip), params.authId),
});
