import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { ensureSeeded } from '@/lib/testing/factories';
import { callApi, s2sToken } from '../testing';
import { createScopeRoute, deleteScopeRoute, getScopeRoute, listScopesRoute, updateScopeRoute } from './scopes';

describe('S2S API: scopes', () => {
  it('lists, creates, reads, updates and deletes a scope, with an audit event per write', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_scope', 'write_scope']);
    const created = await callApi(createScopeRoute, {
      token,
      body: { name: 'read_invoices', type: 's2s', note: 'Invoices', locales: [{ locale: 'en', value: 'Read invoices' }] },
    });
    expect(created.status).toBe(201);
    expect(created.body.scope).toMatchObject({ name: 'read_invoices', type: 's2s', isBuiltIn: false, locales: [{ locale: 'en', value: 'Read invoices' }] });
    const id = created.body.scope.id as string;

    const listed = await callApi(listScopesRoute, { token });
    expect(listed.body.scopes.map((scope: { name: string }) => scope.name)).toEqual(expect.arrayContaining(['openid', 'root', 'read_invoices']));

    const updated = await callApi(updateScopeRoute, { token, params: { id }, body: { note: 'Invoice data', locales: [{ locale: 'zh-CN', value: '读取发票' }] } });
    expect(updated.body.scope).toMatchObject({ note: 'Invoice data', locales: [{ locale: 'zh-CN', value: '读取发票' }] });
    expect((await callApi(getScopeRoute, { token, params: { id } })).body.scope.note).toBe('Invoice data');

    expect((await callApi(deleteScopeRoute, { token, params: { id } })).status).toBe(204);
    expect((await callApi(getScopeRoute, { token, params: { id } })).status).toBe(404);
    const actions = (await db.auditEvent.findMany({ where: { targetId: id }, orderBy: { createdAt: 'asc' } })).map((event) => event.action);
    expect(actions).toEqual(['scope.created', 'scope.updated', 'scope.deleted']);
  });

  it('needs a token (401) with the right scope (403); root grants all', async () => {
    await ensureSeeded();
    expect((await callApi(listScopesRoute)).status).toBe(401);
    expect((await callApi(listScopesRoute, { token: 'not-a-token' })).status).toBe(401);
    const readOnly = await s2sToken(['read_scope']);
    expect((await callApi(listScopesRoute, { token: readOnly })).status).toBe(200);
    const denied = await callApi(createScopeRoute, { token: readOnly, body: { name: 'x_scope', type: 'spa' } });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toBe('insufficient_scope');
    const root = await s2sToken(['root']);
    expect((await callApi(createScopeRoute, { token: root, body: { name: 'by_root', type: 'spa' } })).status).toBe(201);
  });

  it('keeps built-in scopes immutable except their note and texts', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_scope', 'write_scope']);
    const openid = await db.scope.findUniqueOrThrow({ where: { name: 'openid' } });
    expect((await callApi(createScopeRoute, { token, body: { name: 'profile', type: 'spa' } })).body.error).toBe('built_in_scope');
    expect((await callApi(updateScopeRoute, { token, params: { id: openid.id }, body: { name: 'renamed' } })).body.error).toBe('built_in_scope');
    expect((await callApi(deleteScopeRoute, { token, params: { id: openid.id } })).body.error).toBe('built_in_scope');
    const custom = await callApi(createScopeRoute, { token, body: { name: 'custom_one', type: 'spa' } });
    expect((await callApi(updateScopeRoute, { token, params: { id: custom.body.scope.id }, body: { name: 'root' } })).body.error).toBe('built_in_scope');
    expect((await callApi(updateScopeRoute, { token, params: { id: openid.id }, body: { note: 'Sign-in' } })).status).toBe(200);
  });

  it('answers invalid input with 400 and field messages, duplicates with 409, unknown ids with 404, and changes nothing', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_scope', 'write_scope']);
    const before = await db.scope.count();
    const invalid = await callApi(createScopeRoute, { token, body: { name: 'has space', type: 'web' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toBe('invalid_input');
    expect(Object.keys(invalid.body.fields)).toEqual(expect.arrayContaining(['name', 'type']));
    expect((await callApi(createScopeRoute, { token, rawBody: '{not json' })).status).toBe(400);
    await callApi(createScopeRoute, { token, body: { name: 'dup_scope', type: 'spa' } });
    expect((await callApi(createScopeRoute, { token, body: { name: 'dup_scope', type: 'spa' } })).status).toBe(409);
    expect((await callApi(getScopeRoute, { token, params: { id: '00000000-0000-4000-8000-000000000000' } })).status).toBe(404);
    expect((await callApi(getScopeRoute, { token, params: { id: 'not-a-uuid' } })).status).toBe(404);
    expect(await db.scope.count()).toBe(before + 1);
  });
});
