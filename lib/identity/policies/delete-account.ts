// delete_account (Tessera): self-service deletion of the signed-in account.
//
// Rules:
// - /authorize never reuses an SSO session for this policy (prompt=login semantics) and the action
//   checks that the sign-in happened in this request; no consent step (no tokens come out of it).
// - The user confirms explicitly on the page (`confirm: true`); accounts holding a built-in role
//   (super_admin) are refused, as the S2S API refuses non-root callers.
// - One transaction: the request rows of the user and the user row go (everything that belongs to
//   the account cascades: sessions, refresh tokens, codes, consents, MFA, passkeys, memberships,
//   attribute values, …; sign-in logs keep their rows without any personal data, see
//   lib/users/personal-data), and the audit event `user.deleted` (actor: the user, no personal
//   data) is written.
// - Afterwards the browser's SSO cookie is cleared and our localized "account deleted" page is
//   shown. No code can be issued for a user that no longer exists; the page links back to the
//   client with the OAuth error access_denied ("account_deleted"), which is the answer an OIDC
//   client can act on (its tokens are revoked with the account).
// - Leaving the page without deleting answers access_denied too (the user cancelled).
import { z } from 'zod';
import { recordAudit } from '@/lib/audit';
import { emitEvent } from '@/lib/events';
import { config } from '@/lib/config';
import { transaction } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { withQuery } from '@/lib/apps/redirect-uris';
import { forgetSignInLogs } from '@/lib/users/personal-data';
import { expiredCookie, FlowErrors, REQUEST_COOKIE_PATH, requestCookieName, type FlowOutcome } from '@/lib/flow';
import { SSO_COOKIE } from '../cookies';
import { definePolicyAction } from './common';
import { PolicyErrors } from './errors';

export const ACCOUNT_DELETED_PATH = '/identity/v1/account-deleted';
/** error_description of the access_denied answer after a deletion. */
export const ACCOUNT_DELETED_DESCRIPTION = 'account_deleted';

export const deleteAccountInput = z.object({ confirm: z.boolean() });

export const deleteAccount = definePolicyAction<z.output<typeof deleteAccountInput>, FlowOutcome>('delete_account', async ({ row, user, context }, input) => {
  if (input.confirm !== true) throw new AppError(PolicyErrors.confirmation_required, undefined, { confirm: 'confirmation_required' });
  await transaction(async (tx) => {
    const deleted = await tx.authorizationRequest.deleteMany({ where: { id: row.id } });
    if (deleted.count === 0) throw new AppError(FlowErrors.request_not_found);
    await tx.authorizationRequest.deleteMany({ where: { userId: user.id } });
    await forgetSignInLogs(tx, user);
    await tx.user.delete({ where: { id: user.id } });
    await recordAudit(tx, { type: 'user', id: user.id, ip: context.ip }, {
      action: 'user.deleted',
      targetType: 'user',
      targetId: user.id,
      before: { selfService: true, authProvider: user.authProvider, createdAt: user.createdAt },
    });
    await emitEvent(tx, { type: 'user', id: user.id }, 'identity.user.deleted', { authId: user.id });
  });
  const location = withQuery(`${config().authServerUrl}${ACCOUNT_DELETED_PATH}`, {
    locale: row.locale,
    client_id: row.app.clientId,
    redirect_uri: row.redirectUri || undefined,
    state: row.state || undefined,
    popup: row.authorizeMethod === 'popup' ? '1' : undefined,
  });
  return { next: null, location, cookies: [expiredCookie(requestCookieName(row.id), REQUEST_COOKIE_PATH), expiredCookie(SSO_COOKIE, '/')] };
});
