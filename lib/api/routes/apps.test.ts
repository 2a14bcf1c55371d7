import { describe, expect, it } from 'vitest';
import { DASHBOARD_CLIENT_ID } from '@/lib/apps/builtin';
import { sha256 } from '@/lib/crypto/tokens';
import { db } from '@/lib/db';
import { handleTokenRequest } from '@/lib/oauth/token-endpoint';
import { ensureSeeded } from '@/lib/testing/factories';
import { callApi, s2sToken } from '../testing';
import { createAppRoute, deleteAppRoute, getAppRoute, listAppsRoute, regenerateAppSecretRoute, updateAppRoute } from './apps';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

function clientCredentials(clientId: string, secret: string) {
  const basic = `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
  return handleTokenRequest(new URLSearchParams({ grant_type: 'client_credentials' }), basic);
}

describe('S2S API: apps', () => {
  it('creates, lists, reads, updates and deletes an app, with an audit event per write', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_app', 'write_app']);
    const created = await callApi(createAppRoute, {
      token,
      body: {
        name: 'Storefront',
        type: 'spa',
        scopes: ['openid', 'profile'],
        redirectUris: ['https://Shop.Example.test/Auth/Callback/'],
        postLogoutRedirectUris: ['https://shop.example.test/'],
        skipConsent: true,
      },
    });
    expect(created.status).toBe(201);
    const app = created.body.app;
    expect(app).toMatchObject({
      name: 'Storefront',
      type: 'spa',
      isActive: true,
      isBuiltIn: false,
      skipConsent: true,
      rotateRefreshTokens: true,
      useSystemMfaConfig: true,
      scopes: ['openid', 'profile'],
      // stored exactly as given: no lower-casing, no trailing-slash stripping (unlike Melody)
      redirectUris: ['https://Shop.Example.test/Auth/Callback/'],
    });
    expect(app).not.toHaveProperty('secret');
    expect(app.clientId).toMatch(/^[A-Za-z0-9_-]{20,}$/);

    const listed = await callApi(listAppsRoute, { token });
    expect(listed.body.apps.map((entry: { id: string }) => entry.id)).toContain(app.id);
    expect(listed.body.apps[0].clientId).toBe(DASHBOARD_CLIENT_ID);

    const updated = await callApi(updateAppRoute, {
      token,
      params: { id: app.id },
      body: {
        name: 'Storefront 2',
        isActive: false,
        scopes: ['openid', 'offline_access'],
        redirectUris: ['http://127.0.0.1:8080/cb'],
        useSystemMfaConfig: false,
        requireOtpMfa: true,
        allowEmailMfaAsBackup: true,
        rotateRefreshTokens: false,
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.app).toMatchObject({
      name: 'Storefront 2',
      isActive: false,
      scopes: ['offline_access', 'openid'],
      redirectUris: ['http://127.0.0.1:8080/cb'],
      postLogoutRedirectUris: ['https://shop.example.test/'],
      useSystemMfaConfig: false,
      requireOtpMfa: true,
      requireEmailMfa: false,
      allowEmailMfaAsBackup: true,
      rotateRefreshTokens: false,
    });
    expect((await callApi(getAppRoute, { token, params: { id: app.id } })).body.app.name).toBe('Storefront 2');

    expect((await callApi(deleteAppRoute, { token, params: { id: app.id } })).status).toBe(204);
    expect((await callApi(getAppRoute, { token, params: { id: app.id } })).status).toBe(404);
    const events = await db.auditEvent.findMany({ where: { targetId: app.id }, orderBy: { createdAt: 'asc' } });
    expect(events.map((event) => event.action)).toEqual(['app.created', 'app.updated', 'app.deleted']);
    expect(events[1]!.before).toMatchObject({ name: 'Storefront' });
    expect(events[1]!.after).toMatchObject({ name: 'Storefront 2', isActive: false });
    expect(events.every((event) => event.actorType === 'app' && event.actorId)).toBe(true);
  });

  it('shows an S2S secret once, stores it hashed, and regenerates it (old one stops working)', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_app', 'write_app', 'read_user']);
    const created = await callApi(createAppRoute, { token, body: { name: 'Worker', type: 's2s', scopes: ['read_user'], redirectUris: [] } });
    expect(created.status).toBe(201);
    const { id, clientId, secret } = created.body.app as { id: string; clientId: string; secret: string };
    expect(secret.length).toBeGreaterThanOrEqual(64);
    const row = await db.app.findUniqueOrThrow({ where: { id } });
    expect(row.secretHash).toBe(sha256(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
    expect((await callApi(getAppRoute, { token, params: { id } })).body.app).not.toHaveProperty('secret');
    expect(JSON.stringify((await callApi(listAppsRoute, { token })).body)).not.toContain(secret);
    expect((await clientCredentials(clientId, secret)).access_token).toBeTruthy();

    const regenerated = await callApi(regenerateAppSecretRoute, { token, params: { id } });
    expect(regenerated.status).toBe(200);
    const next = regenerated.body.app.secret as string;
    expect(next).not.toBe(secret);
    expect((await db.app.findUniqueOrThrow({ where: { id } })).secretHash).toBe(sha256(next));
    await expect(clientCredentials(clientId, secret)).rejects.toMatchObject({ code: 'invalid_client' });
    expect((await clientCredentials(clientId, next)).access_token).toBeTruthy();

    const events = await db.auditEvent.findMany({ where: { targetId: id } });
    expect(events.map((event) => event.action).sort()).toEqual(['app.created', 'app.secret_regenerated']);
    const audited = JSON.stringify(events);
    for (const value of [secret, next, sha256(secret), sha256(next), 'secretHash']) expect(audited).not.toContain(value);

    const spa = await callApi(createAppRoute, { token, body: { name: 'No secret', type: 'spa', redirectUris: ['https://x.example.test/cb'] } });
    expect(spa.body.app).not.toHaveProperty('secret');
    expect(spa.body.app.scopes).toEqual(['offline_access', 'openid', 'profile']);
    expect((await callApi(regenerateAppSecretRoute, { token, params: { id: spa.body.app.id } })).body.error).toBe('app_has_no_secret');
  });

  it('needs a token (401) with read_app to read and write_app to write (403); root grants all', async () => {
    await ensureSeeded();
    expect((await callApi(listAppsRoute)).status).toBe(401);
    const readOnly = await s2sToken(['read_app']);
    const writeOnly = await s2sToken(['write_app']);
    const other = await s2sToken(['read_scope', 'write_scope']);
    expect((await callApi(listAppsRoute, { token: readOnly })).status).toBe(200);
    for (const token of [writeOnly, other]) {
      const denied = await callApi(listAppsRoute, { token });
      expect(denied.status).toBe(403);
      expect(denied.body.error).toBe('insufficient_scope');
    }
    const body = { name: 'Denied', type: 'spa', redirectUris: [] };
    expect((await callApi(createAppRoute, { token: readOnly, body })).status).toBe(403);
    const target = await callApi(createAppRoute, { token: writeOnly, body });
    expect(target.status).toBe(201);
    const id = target.body.app.id as string;
    expect((await callApi(getAppRoute, { token: writeOnly, params: { id } })).status).toBe(403);
    expect((await callApi(updateAppRoute, { token: readOnly, params: { id }, body: { name: 'x' } })).status).toBe(403);
    expect((await callApi(deleteAppRoute, { token: readOnly, params: { id } })).status).toBe(403);
    expect((await callApi(regenerateAppSecretRoute, { token: readOnly, params: { id } })).status).toBe(403);
    const root = await s2sToken(['root']);
    expect((await callApi(getAppRoute, { token: root, params: { id } })).status).toBe(200);
    expect((await callApi(deleteAppRoute, { token: root, params: { id } })).status).toBe(204);
  });

  it('lets only root grant root, and only holders of an API scope grant it or manage an app holding it', async () => {
    await ensureSeeded();
    const writer = await s2sToken(['read_app', 'write_app', 'read_user']);
    const before = await db.app.count();

    const rootGrant = await callApi(createAppRoute, { token: writer, body: { name: 'Escalate', type: 's2s', scopes: ['root'] } });
    expect(rootGrant.status).toBe(403);
    expect(rootGrant.body).toMatchObject({ error: 'scope_not_held', fields: { scopes: 'root' } });
    expect((await callApi(createAppRoute, { token: writer, body: { name: 'Escalate', type: 's2s', scopes: ['write_user'] } })).body.error).toBe(
      'scope_not_held',
    );
    expect(await db.app.count()).toBe(before);

    // scopes it holds itself, and custom (non-API) scopes, are fine
    const custom = await db.scope.create({ data: { name: `billing_${Date.now()}`, type: 's2s' } });
    const ok = await callApi(createAppRoute, { token: writer, body: { name: 'Reader', type: 's2s', scopes: ['read_user', custom.name] } });
    expect(ok.status).toBe(201);
    const upgrade = await callApi(updateAppRoute, { token: writer, params: { id: ok.body.app.id }, body: { scopes: ['read_user', 'root'] } });
    expect(upgrade.body.error).toBe('scope_not_held');
    expect((await db.appScope.count({ where: { appId: ok.body.app.id } }))).toBe(2);

    const root = await s2sToken(['root']);
    const rootApp = await callApi(createAppRoute, { token: root, body: { name: 'Root app', type: 's2s', scopes: ['root'] } });
    expect(rootApp.status).toBe(201);
    const rootId = rootApp.body.app.id as string;
    expect((await callApi(getAppRoute, { token: writer, params: { id: rootId } })).status).toBe(200);
    for (const call of [
      callApi(updateAppRoute, { token: writer, params: { id: rootId }, body: { isActive: false } }),
      callApi(updateAppRoute, { token: writer, params: { id: rootId }, body: { scopes: [] } }),
      callApi(regenerateAppSecretRoute, { token: writer, params: { id: rootId } }),
      callApi(deleteAppRoute, { token: writer, params: { id: rootId } }),
    ]) {
      const denied = await call;
      expect(denied.status).toBe(403);
      expect(denied.body.error).toBe('scope_not_held');
    }
    const stored = await db.app.findUniqueOrThrow({ where: { id: rootId } });
    expect(stored.isActive).toBe(true);
    expect(stored.secretHash).toBe(sha256(rootApp.body.app.secret));
    expect((await callApi(updateAppRoute, { token: root, params: { id: rootId }, body: { name: 'Root app 2' } })).status).toBe(200);
  });

  it('keeps the built-in dashboard client: no delete, no deactivation, server-managed scopes and URIs', async () => {
    await ensureSeeded();
    const token = await s2sToken(['root']);
    const dashboard = await db.app.findUniqueOrThrow({ where: { clientId: DASHBOARD_CLIENT_ID } });
    const id = dashboard.id;
    for (const body of [{ isActive: false }, { redirectUris: ['https://evil.example.test/cb'] }, { scopes: ['openid'] }, { postLogoutRedirectUris: [] }]) {
      const refused = await callApi(updateAppRoute, { token, params: { id }, body });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe('built_in_app');
    }
    expect((await callApi(deleteAppRoute, { token, params: { id } })).body.error).toBe('built_in_app');
    // sending the current values back (a full-object PUT) and renaming are fine
    const same = await callApi(updateAppRoute, {
      token,
      params: { id },
      body: { name: 'Admin', isActive: true, redirectUris: dashboard.redirectUris, scopes: ['profile', 'openid', 'offline_access'] },
    });
    expect(same.status).toBe(200);
    expect(same.body.app).toMatchObject({ name: 'Admin', isBuiltIn: true, redirectUris: dashboard.redirectUris });
  });

  it('answers invalid input with 400 and field messages, unknown ids with 404, and changes nothing', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_app', 'write_app']);
    const before = await db.app.count();
    const invalid = await callApi(createAppRoute, { token, body: { name: '', type: 'web', redirectUris: 'x' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toBe('invalid_input');
    expect(Object.keys(invalid.body.fields)).toEqual(expect.arrayContaining(['name', 'type', 'redirectUris']));
    expect((await callApi(createAppRoute, { token, body: { name: 'x'.repeat(51), type: 'spa' } })).body.fields).toHaveProperty('name');
    expect((await callApi(createAppRoute, { token, rawBody: '{oops' })).status).toBe(400);

    const badUri = await callApi(createAppRoute, { token, body: { name: 'Bad', type: 'spa', redirectUris: ['http://example.test/cb'] } });
    expect(badUri.status).toBe(400);
    expect(badUri.body).toMatchObject({ error: 'invalid_redirect_uri', fields: { redirectUris: expect.stringContaining('https') } });
    const fragment = await callApi(createAppRoute, { token, body: { name: 'Bad', type: 'spa', postLogoutRedirectUris: ['https://a.example.test/#x'] } });
    expect(fragment.body).toMatchObject({ error: 'invalid_redirect_uri', fields: { postLogoutRedirectUris: expect.any(String) } });
    const mismatch = await callApi(createAppRoute, { token, body: { name: 'Bad', type: 'spa', scopes: ['openid', 'read_scope'] } });
    expect(mismatch.body).toMatchObject({ error: 'scope_type_mismatch', fields: { scopes: expect.stringContaining('read_scope') } });
    expect((await callApi(createAppRoute, { token, body: { name: 'Bad', type: 's2s', scopes: ['openid'] } })).body.error).toBe('scope_type_mismatch');
    expect((await callApi(createAppRoute, { token, body: { name: 'Bad', type: 'spa', scopes: ['nope'] } })).body.error).toBe('unknown_scope');
    expect(await db.app.count()).toBe(before);

    const app = await callApi(createAppRoute, { token, body: { name: 'Good', type: 'spa', redirectUris: ['https://good.example.test/cb'] } });
    const id = app.body.app.id as string;
    const badUpdate = await callApi(updateAppRoute, { token, params: { id }, body: { redirectUris: ['javascript:alert(1)'] } });
    expect(badUpdate.body.error).toBe('invalid_redirect_uri');
    expect((await callApi(updateAppRoute, { token, params: { id }, body: { isActive: 'no' } })).body.fields).toHaveProperty('isActive');
    expect((await callApi(getAppRoute, { token, params: { id } })).body.app.redirectUris).toEqual(['https://good.example.test/cb']);

    for (const route of [getAppRoute, deleteAppRoute, regenerateAppSecretRoute]) {
      expect((await callApi(route, { token, params: { id: UNKNOWN_ID } })).status).toBe(404);
      expect((await callApi(route, { token, params: { id: 'not-a-uuid' } })).status).toBe(404);
    }
    expect((await callApi(updateAppRoute, { token, params: { id: UNKNOWN_ID }, body: { name: 'x' } })).status).toBe(404);
  });
});

describe('issue 12 item 8: the introspection flag', () => {
  it('issue 12 item 8: only root sets or clears allowIntrospection; write_app cannot flag an app to introspect', async () => {
    await ensureSeeded();
    const writeApp = await s2sToken(['read_app', 'write_app']);
    const refusedCreate = await callApi(createAppRoute, { token: writeApp, body: { name: 'Snooper', type: 's2s', scopes: [], allowIntrospection: true } });
    expect(refusedCreate.status).toBe(403);
    expect(refusedCreate.body.error).toBe('introspection_needs_root');
    const plain = await callApi(createAppRoute, { token: writeApp, body: { name: 'Worker', type: 's2s', scopes: [] } });
    expect(plain.body.app.allowIntrospection).toBe(false);
    const id = plain.body.app.id as string;
    const refusedUpdate = await callApi(updateAppRoute, { token: writeApp, params: { id }, body: { allowIntrospection: true } });
    expect(refusedUpdate.status).toBe(403);
    expect(refusedUpdate.body.error).toBe('introspection_needs_root');
    expect((await db.app.findUniqueOrThrow({ where: { id } })).allowIntrospection).toBe(false);
    // unchanged value: not a change of the flag
    expect((await callApi(updateAppRoute, { token: writeApp, params: { id }, body: { allowIntrospection: false, name: 'Worker 2' } })).status).toBe(200);

    const root = await s2sToken(['root']);
    const flagged = await callApi(updateAppRoute, { token: root, params: { id }, body: { allowIntrospection: true } });
    expect(flagged.status).toBe(200);
    expect(flagged.body.app.allowIntrospection).toBe(true);
  });
});
