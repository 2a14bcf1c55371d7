import { describe, expect, it } from 'vitest';
import { makeAdminSession } from '@/lib/admin/testing';
import { db } from '@/lib/db';
import { S2S_BUILT_IN_SCOPES } from '@/lib/access/builtin';
import { ensureSeeded, makeUser } from '@/lib/testing/factories';
import { callApi, s2sToken, type ApiBody } from '../testing';
import { getAuditEventRoute, listAuditEventsRoute } from './audit-events';
import { createScopeRoute, updateScopeRoute } from './scopes';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const at = (iso: string) => new Date(iso);

async function seedEvents() {
  await ensureSeeded();
  await db.auditEvent.deleteMany();
  const rows = [
    { actorType: 'app', actorId: 'client-a', action: 'user.updated', targetType: 'user', targetId: 'u1', createdAt: at('2026-03-01T10:00:00Z') },
    { actorType: 'user', actorId: 'admin-1', action: 'user.deleted', targetType: 'user', targetId: 'u2', createdAt: at('2026-03-02T10:00:00Z') },
    { actorType: 'user', actorId: 'admin-1', action: 'app.created', targetType: 'app', targetId: 'a1', createdAt: at('2026-03-03T10:00:00Z') },
    { actorType: 'system', actorId: 'cli', action: 'signing_key.rotated', targetType: 'signing_key', targetId: 'k1', createdAt: at('2026-03-04T10:00:00Z') },
    { actorType: 'app', actorId: 'client-a', action: 'user.updated', targetType: 'user', targetId: 'u1', createdAt: at('2026-03-05T10:00:00Z') },
  ] as const;
  for (const row of rows) await db.auditEvent.create({ data: { ...row, before: { n: 1 }, after: { n: 2 }, ip: '203.0.113.7' } });
}

const actions = (body: ApiBody) => (body.auditEvents as { action: string; targetId: string }[]).map((event) => `${event.action}:${event.targetId}`);

describe('S2S API: audit events (root only)', () => {
  it('lists newest first with a total, filtered by actor, action, target and time, page by page', async () => {
    await seedEvents();
    const root = await s2sToken(['root']);
    const list = (query: Record<string, string> = {}) => callApi(listAuditEventsRoute, { token: root, query });

    const all = await list();
    expect(all.status).toBe(200);
    expect(all.body.count).toBe(5);
    expect(actions(all.body)).toEqual(['user.updated:u1', 'signing_key.rotated:k1', 'app.created:a1', 'user.deleted:u2', 'user.updated:u1']);
    expect(all.body.auditEvents[0]).toMatchObject({ actorType: 'app', actorId: 'client-a', targetType: 'user', before: { n: 1 }, after: { n: 2 }, ip: '203.0.113.7', createdAt: '2026-03-05T10:00:00.000Z' });

    const page = await list({ page_size: '2', page_number: '2' });
    expect(page.body.count).toBe(5);
    expect(actions(page.body)).toEqual(['app.created:a1', 'user.deleted:u2']);
    expect((await list({ page_size: '2', page_number: '4' })).body).toEqual({ auditEvents: [], count: 5 });

    expect(actions((await list({ actor_id: 'admin-1' })).body)).toEqual(['app.created:a1', 'user.deleted:u2']);
    expect(actions((await list({ actor_type: 'system' })).body)).toEqual(['signing_key.rotated:k1']);
    expect((await list({ action: 'user.updated' })).body.count).toBe(2);
    expect(actions((await list({ target_type: 'user', target_id: 'u2' })).body)).toEqual(['user.deleted:u2']);
    // from inclusive, to exclusive; an offset is honoured
    const window = await list({ from: '2026-03-02T10:00:00Z', to: '2026-03-04T12:00:00+02:00' });
    expect(actions(window.body)).toEqual(['app.created:a1', 'user.deleted:u2']);
    expect(window.body.count).toBe(2);
    expect((await list({ actor_id: 'client-a', from: '2026-03-03T00:00:00Z' })).body.count).toBe(1);
    expect((await list({ actor_id: 'nobody' })).body).toEqual({ auditEvents: [], count: 0 });

    const one = await callApi(getAuditEventRoute, { token: root, params: { id: all.body.auditEvents[2].id } });
    expect(one.status).toBe(200);
    expect(one.body.auditEvent).toMatchObject({ action: 'app.created', actorId: 'admin-1', targetId: 'a1' });
    expect((await callApi(getAuditEventRoute, { token: root, params: { id: UNKNOWN_ID } })).status).toBe(404);
    expect((await callApi(getAuditEventRoute, { token: root, params: { id: 'not-a-uuid' } })).status).toBe(404);
  });

  it('shows the writes of the API itself: actor, target, before and after', async () => {
    await ensureSeeded();
    const writer = await s2sToken(['root']);
    const created = await callApi(createScopeRoute, { token: writer, body: { name: 'audit_probe', type: 's2s', note: 'first' } });
    await callApi(updateScopeRoute, { token: writer, params: { id: created.body.scope.id }, body: { note: 'second' } });
    const history = await callApi(listAuditEventsRoute, { token: writer, query: { target_type: 'scope', target_id: created.body.scope.id } });
    // both writes may fall in the same millisecond, so their order is not asserted
    expect(history.body.auditEvents.map((event: { action: string }) => event.action).sort()).toEqual(['scope.created', 'scope.updated']);
    const update = history.body.auditEvents.find((event: { action: string }) => event.action === 'scope.updated');
    expect(update).toMatchObject({ actorType: 'app', before: { note: 'first' }, after: { note: 'second' } });
  });

  it('rejects bad filters and page bounds with 400 and needs root (S2S token or super_admin session)', async () => {
    await ensureSeeded();
    const root = await s2sToken(['root']);
    const badQueries: Record<string, string>[] = [{ from: 'yesterday' }, { actor_type: 'robot' }, { page_size: '101' }, { page_number: '0' }, { action: '' }];
    for (const query of badQueries) {
      const answer = await callApi(listAuditEventsRoute, { token: root, query });
      expect(answer.status, JSON.stringify(query)).toBe(400);
      expect(answer.body.error).toBe('invalid_input');
    }
    const everyOtherScope = await s2sToken(S2S_BUILT_IN_SCOPES.filter((scope) => scope !== 'root'));
    const denied = await callApi(listAuditEventsRoute, { token: everyOtherScope });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toBe('insufficient_scope');
    expect((await callApi(getAuditEventRoute, { token: everyOtherScope, params: { id: UNKNOWN_ID } })).status).toBe(403);
    expect((await callApi(listAuditEventsRoute)).status).toBe(401);

    const superAdmin = await makeAdminSession((await makeUser({ roles: ['super_admin'] })).id);
    expect((await callApi(listAuditEventsRoute, { admin: superAdmin })).status).toBe(200);
    const role = await db.role.create({ data: { name: 'audit-reader-probe', adminScopes: S2S_BUILT_IN_SCOPES.filter((scope) => scope !== 'root') } });
    const customAdmin = await makeAdminSession((await makeUser({ roles: [role.name] })).id);
    expect((await callApi(listAuditEventsRoute, { admin: customAdmin })).status).toBe(403);
  });
});
