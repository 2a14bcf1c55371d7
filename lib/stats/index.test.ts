import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { ensureSeeded, makeUser } from '@/lib/testing/factories';
import { dailyStats } from '.';

const at = (iso: string) => new Date(iso);

async function signIn(userId: string | null, success: boolean, createdAt: string, method = 'password') {
  await db.signInLog.create({ data: { userId, method, success, createdAt: at(createdAt) } });
}

describe('dailyStats', () => {
  it('counts per UTC day over the period, today included, with empty days as zeros', async () => {
    await ensureSeeded();
    await db.signInLog.deleteMany();
    const [ada, bob, cy] = [await makeUser(), await makeUser(), await makeUser()];
    // every user (the seeded admin too) outside the period unless placed in it below
    await db.user.updateMany({ data: { createdAt: at('2025-12-01T00:00:00Z') } });
    await db.user.update({ where: { id: ada.id }, data: { createdAt: at('2026-02-04T00:00:00Z') } });
    await db.user.update({ where: { id: bob.id }, data: { createdAt: at('2026-02-06T23:59:59.999Z') } });
    await db.user.update({ where: { id: cy.id }, data: { createdAt: at('2026-02-06T00:00:00Z') } });

    await signIn(ada.id, true, '2026-02-03T23:59:59.999Z'); // before the period
    await signIn(ada.id, true, '2026-02-04T00:00:00Z');
    await signIn(ada.id, true, '2026-02-06T08:00:00Z');
    await signIn(ada.id, true, '2026-02-06T09:00:00Z'); // same user, same day: active once
    await signIn(bob.id, true, '2026-02-06T23:59:59.999Z');
    await signIn(cy.id, false, '2026-02-06T10:00:00Z'); // failed: not active
    await signIn(bob.id, true, '2026-02-06T23:59:59.999Z', 'otp_mfa'); // bob's second factor: not a second sign-in
    await signIn(cy.id, false, '2026-02-06T10:01:00Z', 'sms_mfa'); // a refused code is a failed attempt
    await signIn(cy.id, true, '2026-02-06T10:02:00Z', 'email_mfa'); // a factor alone does not make cy active
    await signIn(null, false, '2026-02-06T11:00:00Z'); // unknown address
    await signIn(cy.id, true, '2026-02-10T23:59:59.999Z'); // last moment of today
    await signIn(cy.id, true, '2026-02-11T00:00:00Z'); // tomorrow

    const week = await dailyStats(7, at('2026-02-10T12:00:00Z'));
    const zero = { signIns: 0, failedSignIns: 0, newUsers: 0, activeUsers: 0 };
    expect(week).toEqual([
      { date: '2026-02-04', signIns: 1, failedSignIns: 0, newUsers: 1, activeUsers: 1 },
      { date: '2026-02-05', ...zero },
      { date: '2026-02-06', signIns: 3, failedSignIns: 3, newUsers: 2, activeUsers: 2 },
      { date: '2026-02-07', ...zero },
      { date: '2026-02-08', ...zero },
      { date: '2026-02-09', ...zero },
      { date: '2026-02-10', signIns: 1, failedSignIns: 0, newUsers: 0, activeUsers: 1 },
    ]);

    const month = await dailyStats(30, at('2026-02-10T00:00:00Z'));
    expect(month).toHaveLength(30);
    expect(month[0]!.date).toBe('2026-01-12');
    expect(month.at(-1)!.date).toBe('2026-02-10');
    expect(month.reduce((sum, day) => sum + day.signIns, 0)).toBe(6);
    expect(month.reduce((sum, day) => sum + day.newUsers, 0)).toBe(3);
  });
});
