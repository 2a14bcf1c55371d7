import { afterEach, describe, expect, it } from 'vitest';
import { CLI_CALLER } from '@/lib/access/principal';
import { DASHBOARD_CLIENT_ID } from '@/lib/apps/builtin';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { countSignInAttempt, listLockedIps } from '@/lib/rate-limit';
import { SUPER_ADMIN_ROLE } from '@/lib/access/builtin';
import { authenticateWithPassword } from '@/lib/users/service';
import { seed } from './index';
import { recoverAdmin } from './recover';

afterEach(() => resetConfigForTesting());

async function isSuperAdmin(email: string) {
  return (await db.userRole.count({ where: { user: { email }, role: { name: SUPER_ADMIN_ROLE } } })) === 1;
}

describe('admin recover', () => {
  it('repairs a broken first admin and dashboard app and gives a new password once', { timeout: 90_000 }, async () => {
    overrideConfigForTesting({ accountLockoutThreshold: 2 });
    const { adminEmail } = await seed();
    const admin = await db.user.findFirstOrThrow({ where: { email: adminEmail } });
    // Everything that keeps an operator out of /admin at once:
    await db.user.update({ where: { id: admin.id }, data: { isActive: false } });
    await db.userRole.deleteMany({ where: { userId: admin.id } });
    const app = await db.app.update({ where: { clientId: DASHBOARD_CLIENT_ID }, data: { isActive: false, skipConsent: false } });
    await db.appScope.deleteMany({ where: { appId: app.id } });
    for (let attempt = 0; attempt < 3; attempt++) await countSignInAttempt(adminEmail, '203.0.113.9').catch(() => undefined);
    expect(await listLockedIps(adminEmail)).toEqual(['203.0.113.9']);

    const result = await recoverAdmin({ actor: CLI_CALLER.actor });
    expect(result.adminEmail).toBe(adminEmail);
    expect(result.adminPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(result.repaired).toEqual([
      `app ${DASHBOARD_CLIENT_ID} re-activated`,
      `app ${DASHBOARD_CLIENT_ID} scopes openid, profile, offline_access restored`,
      'account re-activated',
      `${SUPER_ADMIN_ROLE} granted`,
    ]);
    expect(await listLockedIps(adminEmail)).toEqual([]);
    expect((await authenticateWithPassword(adminEmail, result.adminPassword, { ip: '203.0.113.9' })).id).toBe(admin.id);
    expect(await isSuperAdmin(adminEmail)).toBe(true);
    const repairedApp = await db.app.findUniqueOrThrow({ where: { clientId: DASHBOARD_CLIENT_ID }, include: { scopes: true } });
    expect(repairedApp).toMatchObject({ isActive: true, skipConsent: true });
    expect(repairedApp.scopes.length).toBeGreaterThan(0);
    expect(await db.auditEvent.count({ where: { action: 'user.admin_recovered', actorId: 'cli' } })).toBe(1);

    // nothing left to repair: only a new password (the old one no longer works)
    const again = await recoverAdmin({ actor: CLI_CALLER.actor });
    expect(again.repaired).toEqual([]);
    expect(again.adminPassword).not.toBe(result.adminPassword);
    await expect(authenticateWithPassword(adminEmail, result.adminPassword)).rejects.toMatchObject({ code: 'invalid_credentials' });
  });

  it('creates the admin named by --email when it does not exist', async () => {
    const result = await recoverAdmin({ actor: CLI_CALLER.actor, email: 'Ops@Example.test' });
    expect(result).toMatchObject({ adminEmail: 'ops@example.test', repaired: ['created', `${SUPER_ADMIN_ROLE} granted`] });
    expect(await isSuperAdmin('ops@example.test')).toBe(true);
    await expect(recoverAdmin({ actor: CLI_CALLER.actor, email: 'not-an-address' })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
