// `npm run cli -- admin recover`: back into the dashboard when nobody can sign in to it (the first
// admin's password is lost, the account disabled or locked, its super_admin role removed, or the
// dashboard's client edited out of shape). Repairs what the seed creates, then gives the admin a
// new password, shown once like the seed's.
import type { AuditActor } from '@/lib/audit';
import { recordAudit } from '@/lib/audit';
import { DASHBOARD_CLIENT_ID } from '@/lib/apps/builtin';
import { invalidate } from '@/lib/cache/invalidation';
import { config } from '@/lib/config';
import { hashPassword } from '@/lib/crypto/password';
import { randomToken } from '@/lib/crypto/tokens';
import { transaction } from '@/lib/db';
import { signOutEverywhere } from '@/lib/identity/sso-session';
import { unlockAccount } from '@/lib/rate-limit';
import { SPA_BUILT_IN_SCOPES, SUPER_ADMIN_ROLE } from '@/lib/access/builtin';
import { isEmailAddress, normalizeEmail } from '@/lib/email/address';
import { AppError, CommonErrors } from '@/lib/errors';
import { seed } from './index';

export interface AdminRecovery {
  adminEmail: string;
  /** The new password: never stored in clear, shown once. */
  adminPassword: string;
  /** What was wrong and is now put right ('created' for a new account). */
  repaired: string[];
}

/**
 * Runs the seed (built-in scopes, super_admin, the dashboard client's URIs, a signing key), then in
 * one transaction: the dashboard client `tessera-admin` active, consent-free and holding the SPA
 * built-in scopes; the admin (ADMIN_EMAIL, or `email`) created or made active, verified and
 * super_admin, with a new password and every earlier session signed out; then its lockout lifted.
 */
export async function recoverAdmin(options: { actor: AuditActor; email?: string }): Promise<AdminRecovery> {
  const email = normalizeEmail(options.email ?? config().adminEmail);
  if (!isEmailAddress(email)) throw new AppError(CommonErrors.invalid_input, `Not an email address: ${email}`);
  await seed();
  const password = randomToken(18);
  const passwordHash = await hashPassword(password);
  const repaired = await transaction(async (tx) => {
    const fixed: string[] = [];
    const role = await tx.role.findUniqueOrThrow({ where: { name: SUPER_ADMIN_ROLE } });
    const app = await tx.app.findUniqueOrThrow({ where: { clientId: DASHBOARD_CLIENT_ID }, include: { scopes: { include: { scope: true } } } });
    if (!app.isActive || !app.skipConsent || app.type !== 'spa') {
      await tx.app.update({ where: { id: app.id }, data: { isActive: true, skipConsent: true, type: 'spa' } });
      fixed.push(`app ${DASHBOARD_CLIENT_ID} re-activated`);
    }
    const held = new Set(app.scopes.map((entry) => entry.scope.name));
    const missing = SPA_BUILT_IN_SCOPES.filter((name) => !held.has(name));
    if (missing.length) {
      const scopes = await tx.scope.findMany({ where: { name: { in: [...missing] } }, select: { id: true } });
      await tx.appScope.createMany({ data: scopes.map((scope) => ({ appId: app.id, scopeId: scope.id })), skipDuplicates: true });
      fixed.push(`app ${DASHBOARD_CLIENT_ID} scopes ${missing.join(', ')} restored`);
    }

    const now = new Date();
    const credentials = { passwordHash, passwordAlgorithm: 'argon2id' as const, passwordChangedAt: now };
    let user = await tx.user.findUnique({ where: { authProvider_email: { authProvider: 'local', email } }, include: { roles: true } });
    if (!user) {
      const created = await tx.user.create({ data: { email, ...credentials, emailVerified: true, emailVerifiedAt: now, firstName: 'Admin' } });
      user = { ...created, roles: [] };
      fixed.push('created');
    } else {
      if (!user.isActive) fixed.push('account re-activated');
      if (!user.emailVerified) fixed.push('email marked verified');
      await tx.user.update({
        where: { id: user.id },
        data: { ...credentials, isActive: true, ...(user.emailVerified ? {} : { emailVerified: true, emailVerifiedAt: now }) },
      });
      const signedOut = await signOutEverywhere(tx, user.id, { reason: 'password_reset' });
      if (signedOut.ssoSessions || signedOut.refreshTokens) fixed.push(`${signedOut.ssoSessions} session(s) and ${signedOut.refreshTokens} refresh token(s) revoked`);
    }
    if (!user.roles.some((entry) => entry.roleId === role.id)) {
      await tx.userRole.create({ data: { userId: user.id, roleId: role.id } });
      fixed.push(`${SUPER_ADMIN_ROLE} granted`);
    }
    await recordAudit(tx, options.actor, { action: 'user.admin_recovered', targetType: 'user', targetId: user.id, after: { repaired: fixed } });
    return fixed;
  });
  await invalidate('apps');
  await unlockAccount(email);
  return { adminEmail: email, adminPassword: password, repaired };
}
