// The cleanup job on every table it touches: expired (or past-retention) rows go, in batches; live
// rows stay. Then its three ways to run: the cron route (CRON_SECRET), the in-process schedule and
// the CLI (scripts/cli/release.test.ts runs the CLI's processes; here the command's service).
import { randomBytes, randomUUID } from 'node:crypto';
import { NextRequest } from 'next/server';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as cronGET } from '@/app/api/cron/[job]/route';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { startPeriodicJobs, type PeriodicJob } from '@/lib/jobs';
import { makeSpaApp, makeUser } from '@/lib/testing/factories';
import { cleanupTasks, runCleanup, type CleanupProgress } from './index';

const DAY = 86_400_000;
const past = (ms = 60_000) => new Date(Date.now() - ms);
const future = (ms = 3_600_000) => new Date(Date.now() + ms);
const token = () => randomBytes(16).toString('hex');

afterEach(() => resetConfigForTesting());

/** Creates `n` rows of each table with the given time (expiry, or creation for logs); returns their ids per table. */
async function rows(userId: string, appId: string, when: Date, n: number) {
  const ids: Record<string, string[]> = {};
  const add = (table: string, id: string) => (ids[table] ??= []).push(id);
  for (let i = 0; i < n; i++) {
    const request = await db.authorizationRequest.create({
      data: { bindingHash: token(), appId, redirectUri: 'https://app.example.test/cb', state: 's', codeChallenge: 'c', codeChallengeMethod: 'S256', locale: 'en', expiresAt: when },
    });
    add('authorization_requests', request.id);
    add('authorization_codes', (await db.authorizationCode.create({ data: { codeHash: token(), appId, userId, redirectUri: 'https://app.example.test/cb', codeChallenge: 'c', codeChallengeMethod: 'S256', authTime: new Date(), expiresAt: when } })).id);
    const refresh = await db.refreshToken.create({ data: { tokenHash: token(), familyId: randomUUID(), appId, userId, authTime: new Date(), expiresAt: when } });
    add('refresh_tokens', refresh.id);
    add('sso_sessions', (await db.ssoSession.create({ data: { tokenHash: token(), userId, authTime: new Date(), expiresAt: when } })).id);
    add('admin_sessions', (await db.adminSession.create({ data: { tokenHash: token(), userId, csrfToken: token(), expiresAt: when } })).id);
    add('device_authorizations', (await db.deviceAuthorization.create({ data: { deviceCodeHash: token(), userCode: token().slice(0, 8).toUpperCase(), appId, expiresAt: when } })).id);
    add('one_time_codes', (await db.oneTimeCode.create({ data: { purpose: 'password_reset', target: 'a@example.test', codeHash: token(), expiresAt: when, userId } })).id);
    add('passkey_challenges', (await db.passkeyChallenge.create({ data: { challenge: token(), purpose: 'authentication', expiresAt: when } })).id);
    add('remembered_devices', (await db.rememberedDevice.create({ data: { userId, tokenHash: token(), mfaType: 'otp', expiresAt: when } })).id);
    add('rate_limit_counters', (await db.rateLimitCounter.create({ data: { key: `test:${token()}`, count: 1, expiresAt: when } })).key);
  }
  return ids;
}

/** Log rows created `ageDays` days ago. */
async function logs(ageDays: number, n: number) {
  const createdAt = new Date(Date.now() - ageDays * DAY);
  const ids: Record<string, string[]> = {};
  const add = (table: string, id: string) => (ids[table] ??= []).push(id);
  for (let i = 0; i < n; i++) {
    add('sign_in_logs', (await db.signInLog.create({ data: { method: 'password', success: true, createdAt } })).id);
    add('email_logs', (await db.emailLog.create({ data: { receiver: 'a@example.test', content: 'x', success: true, createdAt } })).id);
    add('sms_logs', (await db.smsLog.create({ data: { receiver: '+15550001111', content: 'x', success: true, createdAt } })).id);
    add('audit_events', (await db.auditEvent.create({ data: { actorType: 'system', action: 'test.cleanup', targetType: 'test', createdAt } })).id);
  }
  return ids;
}

/** Which of `ids` still exist, per table. */
async function existing(ids: Record<string, string[]>) {
  const found: Record<string, number> = {};
  for (const [table, list] of Object.entries(ids)) {
    const key = table === 'rate_limit_counters' ? 'key' : 'id';
    const cast = key === 'id' ? '::uuid[]' : '::text[]';
    const result = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}" WHERE "${key}" = ANY($1${cast})`, list);
    found[table] = result[0]!.n;
  }
  return found;
}

describe('runCleanup', () => {
  let userId: string;
  let appId: string;
  beforeAll(async () => {
    userId = (await makeUser()).id;
    appId = (await makeSpaApp()).id;
  });

  it('deletes expired rows and logs past their retention from every table, in batches, and keeps the rest', { timeout: 60_000 }, async () => {
    overrideConfigForTesting({ retentionDays: { signInLogs: 90, emailLogs: 30, smsLogs: 30, auditEvents: 365 } });
    const expired = await rows(userId, appId, past(), 3);
    const live = await rows(userId, appId, future(), 2);
    const old = { ...(await logs(400, 3)) };
    const recent = await logs(20, 2);
    // between the retentions: 60 days old is past email/SMS (30) but within sign-in (90) and audit (365)
    const middle = await logs(60, 1);

    const progress: CleanupProgress[] = [];
    const report = await runCleanup({ batchSize: 2, onProgress: (step) => progress.push(step) });

    const tables = cleanupTasks().map((task) => task.table);
    expect(Object.keys(expired).concat(Object.keys(old)).sort()).toEqual([...tables].sort());
    for (const table of Object.keys(expired)) expect(report.deleted[table], table).toBeGreaterThanOrEqual(3);
    expect(await existing(expired)).toEqual(Object.fromEntries(Object.keys(expired).map((table) => [table, 0])));
    expect(await existing(live)).toEqual(Object.fromEntries(Object.keys(live).map((table) => [table, 2])));
    expect(await existing(old)).toEqual({ sign_in_logs: 0, email_logs: 0, sms_logs: 0, audit_events: 0 });
    expect(await existing(recent)).toEqual({ sign_in_logs: 2, email_logs: 2, sms_logs: 2, audit_events: 2 });
    expect(await existing(middle)).toEqual({ sign_in_logs: 1, email_logs: 0, sms_logs: 0, audit_events: 1 });
    expect(report.total).toBe(Object.values(report.deleted).reduce((sum, n) => sum + n, 0));

    // batches of 2: three expired rows take two batches, so each table reports twice, the last one done
    const signIn = progress.filter((step) => step.table === 'authorization_codes');
    expect(signIn.map((step) => [step.deleted, step.done])).toEqual([
      [2, false],
      [3, true],
    ]);
  });

  it('keeps logs for ever with a retention of 0', async () => {
    overrideConfigForTesting({ retentionDays: { signInLogs: 0, emailLogs: 0, smsLogs: 0, auditEvents: 0 } });
    const ancient = await logs(4000, 1);
    const report = await runCleanup();
    expect(report.skipped.sort()).toEqual(['audit_events', 'email_logs', 'sign_in_logs', 'sms_logs']);
    expect(await existing(ancient)).toEqual({ sign_in_logs: 1, email_logs: 1, sms_logs: 1, audit_events: 1 });
  });
});

describe('GET /api/cron/cleanup', () => {
  const call = (authorization?: string, job = 'cleanup') =>
    cronGET(new NextRequest(`http://localhost:3999/api/cron/${job}`, { headers: authorization ? { authorization } : {} }), { params: Promise.resolve({ job }) });

  it('does not exist without CRON_SECRET, refuses a missing or wrong token, and runs the cleanup with the right one', async () => {
    overrideConfigForTesting({ cronSecret: undefined });
    expect((await call('Bearer anything-at-all-long-enough')).status).toBe(404);

    const secret = token();
    overrideConfigForTesting({ cronSecret: secret });
    expect((await call()).status).toBe(401);
    const wrong = await call(`Bearer ${secret.slice(0, -1)}x`);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'unauthorized' });
    expect((await call(`Bearer ${secret}`, 'no-such-job')).status).toBe(404);

    const expiredChallenge = await db.passkeyChallenge.create({ data: { challenge: token(), purpose: 'authentication', expiresAt: past() } });
    const ok = await call(`Bearer ${secret}`);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { job: string; result: { deleted: Record<string, number> } };
    expect(body.job).toBe('cleanup');
    expect(body.result.deleted.passkey_challenges).toBeGreaterThanOrEqual(1);
    expect(await db.passkeyChallenge.findUnique({ where: { id: expiredChallenge.id } })).toBeNull();
  });
});

describe('in-process schedule', () => {
  it('runs each job every interval, never two runs of one job at once, none with interval 0, and stops', async () => {
    vi.useFakeTimers();
    try {
      let running = 0;
      let overlapped = false;
      const runs: number[] = [];
      const job: PeriodicJob = {
        name: 'probe',
        intervalSeconds: () => 60,
        run: async () => {
          running += 1;
          overlapped ||= running > 1;
          runs.push(Date.now());
          await new Promise((resolve) => setTimeout(resolve, 90_000)); // longer than the interval
          running -= 1;
        },
      };
      const off: PeriodicJob = { name: 'off', intervalSeconds: () => 0, run: vi.fn(async () => undefined) };
      const log = { info: vi.fn(), error: vi.fn() };
      const scheduler = startPeriodicJobs([job, off], log);
      await vi.advanceTimersByTimeAsync(60_000); // the first run comes within one interval
      expect(runs).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(90_000 + 60_000); // the run ends, then one interval
      expect(runs).toHaveLength(2);
      expect(runs[1]! - runs[0]!).toBeGreaterThanOrEqual(150_000);
      expect(overlapped).toBe(false);
      expect(off.run).not.toHaveBeenCalled();
      expect(log.info).toHaveBeenCalledWith('[jobs] probe runs every 60 s in this process');
      scheduler.stop();
      await vi.advanceTimersByTimeAsync(600_000);
      expect(runs.length).toBeLessThanOrEqual(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
