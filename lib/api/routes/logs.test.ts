import { describe, expect, it } from 'vitest';
import { S2S_BUILT_IN_SCOPES } from '@/lib/access/builtin';
import { db } from '@/lib/db';
import { ensureSeeded } from '@/lib/testing/factories';
import type { ApiRoute } from '../define';
import { callApi, s2sToken } from '../testing';
import {
  deleteEmailLogsRoute,
  deleteSignInLogsRoute,
  deleteSmsLogsRoute,
  getEmailLogRoute,
  getSignInLogRoute,
  getSmsLogRoute,
  listEmailLogsRoute,
  listSignInLogsRoute,
  listSmsLogsRoute,
} from './logs';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

async function seedLogs() {
  await ensureSeeded();
  await db.emailLog.deleteMany();
  await db.smsLog.deleteMany();
  await db.signInLog.deleteMany();
  for (const days of [40, 20, 10, 1]) {
    await db.emailLog.create({ data: { receiver: `e${days}@example.test`, subject: 'Code', content: 'Your code: ******', success: true, createdAt: ago(days) } });
    await db.smsLog.create({ data: { receiver: '+15550000000', content: `sms ${days}`, success: days !== 1, createdAt: ago(days) } });
    await db.signInLog.create({
      data: { method: 'password', success: days !== 10, email: `s${days}@example.test`, ip: '203.0.113.9', detail: { days }, createdAt: ago(days) },
    });
  }
}

describe('S2S API: logs (root only)', () => {
  it('lists each kind newest first with a total, page by page, and reads one entry', async () => {
    await seedLogs();
    const root = await s2sToken(['root']);

    const emails = await callApi(listEmailLogsRoute, { token: root });
    expect(emails.status).toBe(200);
    expect(emails.body.count).toBe(4);
    expect(emails.body.logs.map((log: { receiver: string }) => log.receiver)).toEqual(['e1@example.test', 'e10@example.test', 'e20@example.test', 'e40@example.test']);
    const page = await callApi(listEmailLogsRoute, { token: root, query: { page_size: '3', page_number: '2' } });
    expect(page.body).toMatchObject({ count: 4, logs: [{ receiver: 'e40@example.test', subject: 'Code', success: true }] });
    const one = await callApi(getEmailLogRoute, { token: root, params: { id: emails.body.logs[0].id } });
    expect(one.body.log).toMatchObject({ receiver: 'e1@example.test', content: 'Your code: ******' });

    const sms = await callApi(listSmsLogsRoute, { token: root, query: { page_size: '2' } });
    expect(sms.body.count).toBe(4);
    expect(sms.body.logs.map((log: { content: string }) => log.content)).toEqual(['sms 1', 'sms 10']);
    expect((await callApi(getSmsLogRoute, { token: root, params: { id: sms.body.logs[0].id } })).body.log.success).toBe(false);

    const signIns = await callApi(listSignInLogsRoute, { token: root, query: { page_size: '1', page_number: '3' } });
    expect(signIns.body.count).toBe(4);
    expect(signIns.body.logs[0]).toMatchObject({ email: 's20@example.test', method: 'password', success: true, ip: '203.0.113.9', userId: null });
    const signIn = await callApi(getSignInLogRoute, { token: root, params: { id: signIns.body.logs[0].id } });
    expect(JSON.parse(signIn.body.log.detail)).toEqual({ days: 20 });

    for (const route of [getEmailLogRoute, getSmsLogRoute, getSignInLogRoute]) {
      expect((await callApi(route, { token: root, params: { id: UNKNOWN_ID } })).status).toBe(404);
      expect((await callApi(route, { token: root, params: { id: 'x' } })).status).toBe(404);
    }
  });

  it('filters by receiver, account, method, outcome and time window, with the total of the filter', async () => {
    await seedLogs();
    const user = await db.user.create({ data: { email: `filter-${Date.now()}@example.test` } });
    await db.signInLog.create({ data: { userId: user.id, email: user.email, method: 'otp_mfa', success: false, reason: 'invalid_code', createdAt: ago(2) } });
    const root = await s2sToken(['root']);
    const list = async (route: ApiRoute, query: Record<string, string>) => {
      const answer = await callApi(route, { token: root, query });
      expect(answer.status).toBe(200);
      return answer.body as { count: number; logs: Record<string, unknown>[] };
    };

    expect(await list(listEmailLogsRoute, { receiver: 'E1' })).toMatchObject({ count: 2, logs: [{ receiver: 'e1@example.test' }, { receiver: 'e10@example.test' }] });
    expect((await list(listSmsLogsRoute, { success: 'false' })).logs.map((log) => log.content)).toEqual(['sms 1']);
    expect((await list(listSmsLogsRoute, { receiver: '+1555', success: 'true', page_size: '1' })).count).toBe(3);

    const window = { from: ago(25).toISOString(), to: ago(5).toISOString() };
    expect((await list(listSignInLogsRoute, window)).logs.map((log) => log.email)).toEqual(['s10@example.test', 's20@example.test']);
    expect((await list(listSignInLogsRoute, { ...window, success: 'false' })).logs.map((log) => log.email)).toEqual(['s10@example.test']);
    expect(await list(listSignInLogsRoute, { user_id: user.id })).toMatchObject({ count: 1, logs: [{ method: 'otp_mfa', reason: 'invalid_code' }] });
    expect((await list(listSignInLogsRoute, { method: 'password', email: 'S4' })).logs.map((log) => log.email)).toEqual(['s40@example.test']);
    expect(await list(listSignInLogsRoute, { method: 'passkey' })).toEqual({ count: 0, logs: [] });

    for (const [route, query] of [
      [listSignInLogsRoute, { method: 'pwd' }],
      [listSignInLogsRoute, { user_id: 'someone' }],
      [listSignInLogsRoute, { success: 'yes' }],
      [listEmailLogsRoute, { from: 'yesterday' }],
      [listSmsLogsRoute, { to: '2026-01-01' }],
      [listEmailLogsRoute, { receiver: '' }],
    ] as const) {
      const invalid = await callApi(route, { token: root, query });
      expect(invalid.status, JSON.stringify(query)).toBe(400);
      expect(invalid.body).toMatchObject({ error: 'invalid_input', fields: { [Object.keys(query)[0]!]: expect.any(String) } });
    }
  });

  it('checks the paging parameters', async () => {
    await ensureSeeded();
    const root = await s2sToken(['root']);
    for (const route of [listEmailLogsRoute, listSmsLogsRoute, listSignInLogsRoute]) {
      for (const query of [{ page_size: '0' }, { page_size: '101' }, { page_number: '0' }, { page_number: '-1' }, { page_size: '2.5' }] as Record<string, string>[]) {
        const invalid = await callApi(route, { token: root, query });
        expect(invalid.status).toBe(400);
        expect(invalid.body.error).toBe('invalid_input');
      }
      expect((await callApi(route, { token: root, query: { page_size: '100', page_number: '1000' } })).body.logs).toEqual([]);
    }
  });

  it('refuses every token without root (403), even one with every other API scope', async () => {
    await seedLogs();
    const allButRoot = await s2sToken(S2S_BUILT_IN_SCOPES.filter((scope) => scope !== 'root'));
    const log = await db.emailLog.findFirstOrThrow();
    const calls = [
      callApi(listEmailLogsRoute, { token: allButRoot }),
      callApi(listSmsLogsRoute, { token: allButRoot }),
      callApi(listSignInLogsRoute, { token: allButRoot }),
      callApi(getEmailLogRoute, { token: allButRoot, params: { id: log.id } }),
      callApi(deleteEmailLogsRoute, { token: allButRoot, query: { before: new Date().toISOString() } }),
      callApi(deleteSmsLogsRoute, { token: allButRoot, query: { before: new Date().toISOString() } }),
      callApi(deleteSignInLogsRoute, { token: allButRoot, query: { before: new Date().toISOString() } }),
    ];
    for (const result of await Promise.all(calls)) {
      expect(result.status).toBe(403);
      expect(result.body.error).toBe('insufficient_scope');
    }
    expect((await callApi(listEmailLogsRoute)).status).toBe(401);
    expect(await db.emailLog.count()).toBe(4);
  });

  it('hard-deletes rows older than `before` (required, ISO 8601), with an audit event', async () => {
    await seedLogs();
    const root = await s2sToken(['root']);
    for (const route of [deleteEmailLogsRoute, deleteSmsLogsRoute, deleteSignInLogsRoute]) {
      for (const query of [{}, { before: 'yesterday' }, { before: '2026-01-01' }, { before: '2026-01-01T00:00:00' }, { before: '' }] as Record<string, string>[]) {
        const invalid = await callApi(route, { token: root, query });
        expect(invalid.status).toBe(400);
        expect(invalid.body).toMatchObject({ error: 'invalid_input', fields: { before: expect.any(String) } });
      }
    }
    expect(await db.emailLog.count()).toBe(4);

    const cutoff = ago(15).toISOString();
    expect((await callApi(deleteEmailLogsRoute, { token: root, query: { before: cutoff } })).status).toBe(204);
    expect((await db.emailLog.findMany()).map((log) => log.receiver).sort()).toEqual(['e10@example.test', 'e1@example.test']);
    expect(await db.smsLog.count()).toBe(4);
    expect(await db.signInLog.count()).toBe(4);

    const offset = ago(5).toISOString().replace('Z', '+00:00');
    expect((await callApi(deleteSmsLogsRoute, { token: root, query: { before: offset } })).status).toBe(204);
    expect(await db.smsLog.count()).toBe(1);
    expect((await callApi(deleteSignInLogsRoute, { token: root, query: { before: new Date(Date.now() + DAY).toISOString() } })).status).toBe(204);
    expect(await db.signInLog.count()).toBe(0);

    const events = await db.auditEvent.findMany({ where: { action: 'logs.deleted' }, orderBy: { createdAt: 'asc' } });
    expect(events.map((event) => [event.targetType, (event.after as { deleted: number }).deleted])).toEqual([
      ['email_log', 2],
      ['sms_log', 3],
      ['sign_in_log', 4],
    ]);
    expect(events[0]!.after).toMatchObject({ before: cutoff });
  });
});
