import { z } from 'zod';
import type { MfaType } from '@/lib/db/generated/client';
import { EmailErrors } from '@/lib/email';
import { AppError, CommonErrors } from '@/lib/errors';
import {
  getLockedIps,
  linkAccounts,
  listActiveSessions,
  listConsentedApps,
  resendVerificationEmail,
  revokeActiveSession,
  revokeConsent,
  unlinkAccount,
  unlockLockedIps,
} from '@/lib/users/account';
import { deleteUserPasskey, listUserPasskeys } from '@/lib/passkeys/service';
import { UserErrors } from '@/lib/users/errors';
import { impersonateUser } from '@/lib/oauth/impersonation';
import { enrollMfa, removeMfa } from '@/lib/mfa/admin';
import { signedInUserOf } from '@/lib/access/principal';
import { defineApiRoute, type ApiRoute } from '../define';
import { activeSessionRecord, consentedAppRecord, passkeyRecord } from '../records';
import { authIdParams, userCaller } from './user-common';

// A user's sub-resources (Melody's /users/:authId/… routes).

const tag = 'Users';
const success = z.object({ success: z.literal(true) });
const notFound = [UserErrors.user_not_found];

export const getLockedIpsRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/users/{authId}/locked-ips',
  operationId: 'getUserLockedIps',
  summary: 'IPs from which password sign-in is locked for the user ("" = any IP without a trusted proxy header)',
  tag,
  scopes: ['read_user'],
  params: authIdParams,
  response: z.object({ lockedIPs: z.array(z.string()) }),
  errors: notFound,
  handler: async ({ params }) => ({ lockedIPs: await getLockedIps(params.authId) }),
});

export const deleteLockedIpsRoute = defineApiRoute({
  method: 'DELETE',
  path: '/api/v1/users/{authId}/locked-ips',
  operationId: 'unlockUser',
  summary: 'Lift the sign-in lockout for every IP',
  tag,
  scopes: ['write_user'],
  params: authIdParams,
  successStatus: 204,
  errors: notFound,
  handler: async ({ principal, params, ip }) => unlockLockedIps(userCaller(principal, ip), params.authId),
});

export const verifyEmailRoute = defineApiRoute({
  method: 'POST',
  path: '/api/v1/users/{authId}/verify-email',
  operationId: 'resendVerificationEmail',
  summary: 'Send a new email verification code and link',
  tag,
  scopes: ['write_user'],
  params: authIdParams,
  response: success,
  errors: [UserErrors.user_not_found, UserErrors.email_already_verified, UserErrors.no_email, EmailErrors.email_not_configured, EmailErrors.email_send_failed],
  handler: async ({ principal, params, ip }) => {
    await resendVerificationEmail(userCaller(principal, ip), params.authId);
    return { success: true as const };
  },
});

export const listConsentedAppsRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/users/{authId}/consented-apps',
  operationId: 'listUserConsentedApps',
  summary: 'Apps the user consented to',
  tag,
  scopes: ['read_user'],
  params: authIdParams,
  response: z.object({ consentedApps: z.array(consentedAppRecord) }),
  errors: notFound,
  handler: async ({ params }) => ({ consentedApps: await listConsentedApps(params.authId) }),
});

export const deleteConsentedAppRoute = defineApiRoute({
  method: 'DELETE',
  path: '/api/v1/users/{authId}/consented-apps/{appId}',
  operationId: 'revokeUserConsent',
  summary: "Withdraw the user's consent to an app (and revoke their refresh tokens there)",
  tag,
  scopes: ['write_user'],
  params: authIdParams.extend({ appId: z.string().uuid() }),
  successStatus: 204,
  errors: [UserErrors.user_not_found, UserErrors.consent_not_found],
  handler: async ({ principal, params, ip }) => revokeConsent(userCaller(principal, ip), params.authId, params.appId),
});

export const listActiveSessionsRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/users/{authId}/active-sessions',
  operationId: 'listUserActiveSessions',
  summary: "The user's live refresh tokens, one per session (token family)",
  tag,
  scopes: ['read_user'],
  params: authIdParams,
  response: z.object({ activeSessions: z.array(activeSessionRecord) }),
  errors: notFound,
  handler: async ({ params }) => ({ activeSessions: await listActiveSessions(params.authId) }),
});

export const deleteActiveSessionRoute = defineApiRoute({
  method: 'DELETE',
  path: '/api/v1/users/{authId}/active-sessions/{sessionId}',
  operationId: 'revokeUserActiveSession',
  summary: 'Revoke a session: every refresh token of its family',
  tag,
  scopes: ['write_user'],
  params: authIdParams.extend({ sessionId: z.string().uuid() }),
  successStatus: 204,
  errors: [UserErrors.user_not_found, UserErrors.session_not_found],
  handler: async ({ principal, params, ip }) => revokeActiveSession(userCaller(principal, ip), params.authId, params.sessionId),
});

export const linkAccountRoute = defineApiRoute({
  method: 'POST',
  path: '/api/v1/users/{authId}/account-linking/{linkingAuthId}',
  operationId: 'linkUserAccounts',
  summary: 'Link two accounts (both ways)',
  tag,
  scopes: ['write_user'],
  params: authIdParams.extend({ linkingAuthId: z.string().uuid() }),
  response: success,
  errors: [UserErrors.user_not_found, UserErrors.already_linked, UserErrors.cannot_link_self],
  handler: async ({ principal, params, ip }) => {
    await linkAccounts(userCaller(principal, ip), params.authId, params.linkingAuthId);
    return { success: true as const };
  },
});

export const unlinkAccountRoute = defineApiRoute({
  method: 'DELETE',
  path: '/api/v1/users/{authId}/account-linking',
  operationId: 'unlinkUserAccount',
  summary: 'Unlink the account and its partner (both sides)',
  tag,
  scopes: ['write_user'],
  params: authIdParams,
  successStatus: 204,
  errors: notFound,
  handler: async ({ principal, params, ip }) => unlinkAccount(userCaller(principal, ip), params.authId),
});

export const impersonateUserRoute = defineApiRoute({
  method: 'POST',
  path: '/api/v1/users/{authId}/impersonation/{appId}',
  operationId: 'impersonateUser',
  summary:
    'A 30-minute refresh token of the user at a SPA app, for a super_admin (root only; the admin session needs the impersonation right, and root to impersonate a super_admin or a user with admin rights it lacks)',
  tag,
  scopes: ['root'],
  adminScope: 'impersonation',
  params: authIdParams.extend({ appId: z.string().uuid() }),
  body: z.object({
    impersonatorToken: z
      .string()
      .min(1)
      .max(10_000)
      .optional()
      .describe("Access token of a super_admin, issued to a SPA app. Required with an S2S token; with the admin session the session's user impersonates and this is ignored"),
  }),
  response: z.object({
    refresh_token: z.string(),
    refresh_token_expires_in: z.number().int(),
    refresh_token_expires_on: z.number().int().describe('Epoch seconds'),
  }),
  errors: [
    UserErrors.user_not_found,
    UserErrors.app_not_found,
    UserErrors.invalid_impersonator,
    UserErrors.impersonation_app_invalid,
    UserErrors.consent_required,
    UserErrors.user_inactive,
  ],
  handler: async ({ principal, params, body, ip }) => {
    const adminUserId = signedInUserOf(principal);
    const impersonator = adminUserId ? { adminUserId } : body.impersonatorToken ? { token: body.impersonatorToken } : null;
    if (!impersonator) throw new AppError(CommonErrors.invalid_input, 'impersonatorToken is required.', { impersonatorToken: 'Required' });
    return impersonateUser(userCaller(principal, ip), params.authId, params.appId, impersonator);
  },
});

function mfaRoutes(type: MfaType, label: string, removal: string): [ApiRoute, ApiRoute] {
  const path = `/api/v1/users/{authId}/${type}-mfa`;
  const name = `${type[0]!.toUpperCase()}${type.slice(1)}`;
  return [
    defineApiRoute({
      method: 'POST',
      path,
      operationId: `enrollUser${name}Mfa`,
      summary: `Enroll the user in ${label} MFA`,
      tag,
      scopes: ['write_user'],
      params: authIdParams,
      successStatus: 204,
      errors: notFound,
      handler: async ({ principal, params, ip }) => enrollMfa(userCaller(principal, ip), params.authId, type),
    }),
    defineApiRoute({
      method: 'DELETE',
      path,
      operationId: `removeUser${name}Mfa`,
      summary: `Remove ${label} MFA from the user${removal}`,
      tag,
      scopes: ['write_user'],
      params: authIdParams,
      successStatus: 204,
      errors: notFound,
      handler: async ({ principal, params, ip }) => removeMfa(userCaller(principal, ip), params.authId, type),
    }),
  ];
}

export const [enrollEmailMfaRoute, removeEmailMfaRoute] = mfaRoutes('email', 'email', '');
export const [enrollOtpMfaRoute, removeOtpMfaRoute] = mfaRoutes('otp', 'authenticator-app (OTP)', ' and delete its secret');
export const [enrollSmsMfaRoute, removeSmsMfaRoute] = mfaRoutes('sms', 'SMS', ' and clear the phone number');

export const listPasskeysRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/users/{authId}/passkeys',
  operationId: 'listUserPasskeys',
  summary: "The user's passkeys",
  tag,
  scopes: ['read_user'],
  params: authIdParams,
  response: z.object({ passkeys: z.array(passkeyRecord) }),
  errors: notFound,
  handler: async ({ params }) => ({ passkeys: await listUserPasskeys(params.authId) }),
});

export const deletePasskeyRoute = defineApiRoute({
  method: 'DELETE',
  path: '/api/v1/users/{authId}/passkeys/{passkeyId}',
  operationId: 'deleteUserPasskey',
  summary: 'Delete a passkey of the user',
  tag,
  scopes: ['write_user'],
  params: authIdParams.extend({ passkeyId: z.string().uuid() }),
  successStatus: 204,
  errors: [UserErrors.user_not_found, UserErrors.passkey_not_found],
  handler: async ({ principal, params, ip }) => deleteUserPasskey(userCaller(principal, ip), params.authId, params.passkeyId),
});
