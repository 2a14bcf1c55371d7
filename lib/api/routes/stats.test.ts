import { describe, expect, it } from 'vitest';
import { makeAdminSession } from '@/lib/admin/testing';
import { db } from '@/lib/db';
import { ensureSeeded, makeUser } from '@/lib/testing/factories';
import { callApi, s2sToken } from '../testing';
import { getStatsRoute } from './stats';

const utcDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('S2S API: stats', () => {
  it('answers the last 7 (default) or 30 UTC days, today last, to read_user', async () => {
    await ensureSeeded();
    await db.signInLog.deleteMany();
    const user = await makeUser();
    await db.signInLog.create({ data: { userId: user.id, method: 'password', success: true } });
    await db.signInLog.create({ data: { userId: user.id, method: 'password', success: false, createdAt: new Date(Date.now() - 2 * 86_400_000) } });
    const token = await s2sToken(['read_user']);

    const week = await callApi(getStatsRoute, { token });
    expect(week.status).toBe(200);
    expect(week.body.stats).toHaveLength(7);
    expect(week.body.stats[0].date).toBe(utcDay(-6));
    // a sign-in made just before midnight UTC may land on the previous day by the time it is read
    const today = week.body.stats.at(-1);
    if (today.date === utcDay(0) && today.signIns) expect(today).toMatchObject({ signIns: 1, activeUsers: 1 });
    expect(week.body.stats.reduce((sum: number, day: { failedSignIns: number }) => sum + day.failedSignIns, 0)).toBe(1);

    const month = await callApi(getStatsRoute, { token, query: { days: '30' } });
    expect(month.body.stats).toHaveLength(30);
    expect(month.body.stats[0].date).toBe(utcDay(-29));
  });

  it('refuses other periods with 400, callers without read_user with 403, no token with 401', async () => {
    await ensureSeeded();
    for (const days of ['14', '0', 'week']) {
      const answer = await callApi(getStatsRoute, { token: await s2sToken(['read_user']), query: { days } });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toBe('invalid_input');
    }
    const denied = await callApi(getStatsRoute, { token: await s2sToken(['read_app', 'write_user']) });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toBe('insufficient_scope');
    expect((await callApi(getStatsRoute, { token: await s2sToken(['root']) })).status).toBe(200);
    expect((await callApi(getStatsRoute)).status).toBe(401);

    const reader = await db.role.create({ data: { name: 'stats-reader-probe', adminScopes: ['read_user'] } });
    expect((await callApi(getStatsRoute, { admin: await makeAdminSession((await makeUser({ roles: [reader.name] })).id) })).status).toBe(200);
    const appsOnly = await db.role.create({ data: { name: 'apps-reader-probe', adminScopes: ['read_app'] } });
    expect((await callApi(getStatsRoute, { admin: await makeAdminSession((await makeUser({ roles: [appsOnly.name] })).id) })).status).toBe(403);
  });
});
