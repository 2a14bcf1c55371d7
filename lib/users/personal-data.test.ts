import { describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '@/lib/audit';
import { db } from '@/lib/db';
import { makeSpaApp, makeUser } from '@/lib/testing/factories';
import { deleteUser } from './admin';

async function logSignIns(user: { id: string; email: string | null }, appId: string) {
  await db.signInLog.createMany({
    data: [
      { userId: user.id, appId, email: user.email, method: 'password', success: true, ip: '203.0.113.7', userAgent: 'Firefox', detail: { country: 'NZ' } },
      // A failed attempt logged before the user was known: the address only, in another case.
      { appId, email: user.email!.toUpperCase(), method: 'password', success: false, reason: 'invalid_credentials', ip: '203.0.113.8', userAgent: 'Curl' },
    ],
  });
}

describe('deleting a user scrubs the sign-in logs', () => {
  it('keeps the rows for statistics without the link, address, IP, user agent or detail; other users untouched', async () => {
    const app = await makeSpaApp();
    const user = await makeUser();
    const other = await makeUser();
    await logSignIns(user, app.id);
    await logSignIns(other, app.id);

    await deleteUser({ actor: CLI_ACTOR, scopes: ['root'] }, user.id);

    const scrubbed = await db.signInLog.findMany({ where: { appId: app.id, userId: null, email: null }, orderBy: { success: 'asc' } });
    expect(scrubbed.map(({ method, success, reason, ip, userAgent, detail }) => ({ method, success, reason, ip, userAgent, detail }))).toEqual([
      { method: 'password', success: false, reason: 'invalid_credentials', ip: '', userAgent: '', detail: {} },
      { method: 'password', success: true, reason: '', ip: '', userAgent: '', detail: {} },
    ]);
    const rows = JSON.stringify(await db.signInLog.findMany({ where: { appId: app.id } }));
    expect(rows).not.toContain(user.email!.split('@')[0]);
    expect(await db.signInLog.count({ where: { userId: other.id, ip: '203.0.113.7', email: other.email } })).toBe(1);
    expect(await db.signInLog.count({ where: { email: other.email!.toUpperCase(), ip: '203.0.113.8' } })).toBe(1);
  });
});
