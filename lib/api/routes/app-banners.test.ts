import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { ensureSeeded, makeSpaApp } from '@/lib/testing/factories';
import { callApi, s2sToken } from '../testing';
import { createAppBannerRoute, deleteAppBannerRoute, getAppBannerRoute, listAppBannersRoute, setAppBannersRoute, updateAppBannerRoute } from './app-banners';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

afterEach(() => resetConfigForTesting());

describe('S2S API: app banners, ENABLE_APP_BANNER off (the default)', () => {
  it('answers every operation with 400 feature_disabled and writes nothing', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_app', 'write_app']);
    const calls = [
      callApi(listAppBannersRoute, { token }),
      callApi(getAppBannerRoute, { token, params: { id: UNKNOWN_ID } }),
      callApi(createAppBannerRoute, { token, body: { type: 'info', text: 'Hi' } }),
      callApi(updateAppBannerRoute, { token, params: { id: UNKNOWN_ID }, body: { text: 'Hi' } }),
      callApi(deleteAppBannerRoute, { token, params: { id: UNKNOWN_ID } }),
      callApi(setAppBannersRoute, { token, params: { id: UNKNOWN_ID }, body: { bannerIds: [] } }),
    ];
    for (const result of await Promise.all(calls)) {
      expect(result.status).toBe(400);
      expect(result.body.error).toBe('feature_disabled');
    }
    expect(await db.banner.count()).toBe(0);
    // the scope check still comes first
    expect((await callApi(listAppBannersRoute)).status).toBe(401);
  });
});

describe('S2S API: app banners, ENABLE_APP_BANNER on', () => {
  beforeEach(() => overrideConfigForTesting({ enableAppBanner: true }));

  it('creates, lists, reads, links to apps, updates and deletes a banner, with an audit event per write', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_app', 'write_app']);
    const created = await callApi(createAppBannerRoute, {
      token,
      body: { type: 'warning', text: 'Maintenance tonight', locales: [{ locale: 'zh-CN', value: '今晚维护' }, { locale: 'zh-CN', value: '今晚系统维护' }] },
    });
    expect(created.status).toBe(201);
    expect(created.body.appBanner).toMatchObject({
      type: 'warning',
      text: 'Maintenance tonight',
      isActive: true,
      appIds: [],
      locales: [{ locale: 'zh-CN', value: '今晚系统维护' }],
    });
    const id = created.body.appBanner.id as string;
    expect((await callApi(createAppBannerRoute, { token, body: { type: 'info' } })).body.appBanner).toMatchObject({ text: '', locales: [] });

    const listed = await callApi(listAppBannersRoute, { token });
    expect(listed.body.appBanners).toHaveLength(2);
    expect(listed.body.appBanners[0].id).toBe(id);

    const first = await makeSpaApp();
    const second = await makeSpaApp();
    const updated = await callApi(updateAppBannerRoute, {
      token,
      params: { id },
      body: { type: 'error', appIds: [first.id, second.id, first.id], isActive: false, locales: [{ locale: 'en', value: 'Down' }] },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.appBanner).toMatchObject({ type: 'error', text: 'Maintenance tonight', isActive: false, locales: [{ locale: 'en', value: 'Down' }] });
    expect(updated.body.appBanner.appIds).toEqual([first.id, second.id].sort());
    const relinked = await callApi(updateAppBannerRoute, { token, params: { id }, body: { appIds: [second.id] } });
    expect(relinked.body.appBanner.appIds).toEqual([second.id]);
    expect((await callApi(getAppBannerRoute, { token, params: { id } })).body.appBanner).toMatchObject({ appIds: [second.id], isActive: false });

    expect((await callApi(deleteAppBannerRoute, { token, params: { id } })).status).toBe(204);
    expect((await callApi(getAppBannerRoute, { token, params: { id } })).status).toBe(404);
    expect(await db.appBanner.count({ where: { bannerId: id } })).toBe(0);
    const events = await db.auditEvent.findMany({ where: { targetId: id }, orderBy: { createdAt: 'asc' } });
    expect(events.map((event) => event.action)).toEqual(['banner.created', 'banner.updated', 'banner.updated', 'banner.deleted']);
    expect(events[1]!.after).toMatchObject({ type: 'error', isActive: false });
  });

  it('needs read_app to read and write_app to write (403)', async () => {
    await ensureSeeded();
    const readOnly = await s2sToken(['read_app']);
    const writeOnly = await s2sToken(['write_app']);
    const created = await callApi(createAppBannerRoute, { token: writeOnly, body: { type: 'success', text: 'Welcome' } });
    expect(created.status).toBe(201);
    const id = created.body.appBanner.id as string;
    expect((await callApi(listAppBannersRoute, { token: writeOnly })).status).toBe(403);
    expect((await callApi(getAppBannerRoute, { token: writeOnly, params: { id } })).status).toBe(403);
    expect((await callApi(getAppBannerRoute, { token: readOnly, params: { id } })).status).toBe(200);
    const denied = await callApi(createAppBannerRoute, { token: readOnly, body: { type: 'info' } });
    expect(denied).toMatchObject({ status: 403, body: { error: 'insufficient_scope' } });
    expect((await callApi(updateAppBannerRoute, { token: readOnly, params: { id }, body: { text: 'x' } })).status).toBe(403);
    expect((await callApi(deleteAppBannerRoute, { token: readOnly, params: { id } })).status).toBe(403);
    expect((await callApi(listAppBannersRoute, { token: await s2sToken(['read_user']) })).status).toBe(403);
  });

  it('answers invalid input with 400 and field messages, unknown apps with 400, unknown ids with 404', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_app', 'write_app']);
    const invalid = await callApi(createAppBannerRoute, { token, body: { type: 'notice', text: 'x'.repeat(1001), locales: [{ locale: 'e' }] } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toBe('invalid_input');
    expect(Object.keys(invalid.body.fields)).toEqual(expect.arrayContaining(['type', 'text', 'locales.0.locale', 'locales.0.value']));
    const banner = await callApi(createAppBannerRoute, { token, body: { type: 'info', text: 'Hi' } });
    const id = banner.body.appBanner.id as string;
    expect((await callApi(updateAppBannerRoute, { token, params: { id }, body: { appIds: ['nope'] } })).body.fields).toHaveProperty('appIds.0');
    const unknownApp = await callApi(updateAppBannerRoute, { token, params: { id }, body: { appIds: [UNKNOWN_ID], text: 'changed' } });
    expect(unknownApp).toMatchObject({ status: 400, body: { error: 'unknown_app', fields: { appIds: UNKNOWN_ID } } });
    expect((await callApi(getAppBannerRoute, { token, params: { id } })).body.appBanner.text).toBe('Hi');
    expect((await callApi(getAppBannerRoute, { token, params: { id: UNKNOWN_ID } })).status).toBe(404);
    expect((await callApi(updateAppBannerRoute, { token, params: { id: UNKNOWN_ID }, body: { text: 'x' } })).status).toBe(404);
    expect((await callApi(deleteAppBannerRoute, { token, params: { id: UNKNOWN_ID } })).status).toBe(404);
    expect((await callApi(deleteAppBannerRoute, { token, params: { id: 'not-a-uuid' } })).status).toBe(404);
  });
});

describe('S2S API: the banners of one app (PUT /api/v1/apps/{id}/banners)', () => {
  beforeEach(() => overrideConfigForTesting({ enableAppBanner: true }));

  async function banner(token: string, text: string, appIds: string[] = []): Promise<string> {
    const id = (await callApi(createAppBannerRoute, { token, body: { type: 'info', text } })).body.appBanner.id as string;
    if (appIds.length) expect((await callApi(updateAppBannerRoute, { token, params: { id }, body: { appIds } })).status).toBe(200);
    return id;
  }
  const appIdsOf = async (token: string, id: string) => (await callApi(getAppBannerRoute, { token, params: { id } })).body.appBanner.appIds;
  const updates = (id: string) => db.auditEvent.findMany({ where: { targetId: id, action: 'banner.updated' }, orderBy: { createdAt: 'asc' } });

  it("links and unlinks banners on one app only, leaving other apps' links, with one audit event per changed banner", async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_app', 'write_app']);
    const app = await makeSpaApp();
    const other = await makeSpaApp();
    const shared = await banner(token, 'Shared', [app.id, other.id]);
    const added = await banner(token, 'Added');
    const elsewhere = await banner(token, 'Elsewhere', [other.id]);
    const eventsBefore = { shared: (await updates(shared)).length, elsewhere: (await updates(elsewhere)).length };

    const set = await callApi(setAppBannersRoute, { token, params: { id: app.id }, body: { bannerIds: [added, added] } });
    expect(set.status).toBe(200);
    expect(set.body.appBanners.map((entry: { id: string }) => entry.id)).toEqual([added]);
    expect(set.body.appBanners[0].appIds).toEqual([app.id]);
    expect(await appIdsOf(token, shared)).toEqual([other.id]);
    expect(await appIdsOf(token, elsewhere)).toEqual([other.id]);

    const unlinked = await updates(shared);
    expect(unlinked).toHaveLength(eventsBefore.shared + 1);
    expect(unlinked.at(-1)!.before).toMatchObject({ appIds: [app.id, other.id].sort() });
    expect(unlinked.at(-1)!.after).toMatchObject({ appIds: [other.id] });
    expect((await updates(added)).at(-1)!.after).toMatchObject({ appIds: [app.id] });
    expect(await updates(elsewhere)).toHaveLength(eventsBefore.elsewhere);

    // the same set again changes nothing and records nothing
    const again = await callApi(setAppBannersRoute, { token, params: { id: app.id }, body: { bannerIds: [added] } });
    expect(again.body.appBanners.map((entry: { id: string }) => entry.id)).toEqual([added]);
    expect(await updates(added)).toHaveLength(1);

    const cleared = await callApi(setAppBannersRoute, { token, params: { id: app.id }, body: { bannerIds: [] } });
    expect(cleared).toMatchObject({ status: 200, body: { appBanners: [] } });
    expect(await appIdsOf(token, added)).toEqual([]);
  });

  it('refuses unknown banners (400, nothing changed), unknown apps (404), bad ids (400) and callers without write_app (403)', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_app', 'write_app']);
    const app = await makeSpaApp();
    const linked = await banner(token, 'Linked', [app.id]);
    const unlinked = await banner(token, 'Unlinked');

    const unknown = await callApi(setAppBannersRoute, { token, params: { id: app.id }, body: { bannerIds: [unlinked, UNKNOWN_ID] } });
    expect(unknown).toMatchObject({ status: 400, body: { error: 'unknown_banner', fields: { bannerIds: UNKNOWN_ID } } });
    expect(await appIdsOf(token, linked)).toEqual([app.id]);
    expect(await appIdsOf(token, unlinked)).toEqual([]);

    const invalid = await callApi(setAppBannersRoute, { token, params: { id: app.id }, body: { bannerIds: ['nope'] } });
    expect(invalid).toMatchObject({ status: 400, body: { error: 'invalid_input' } });
    expect(invalid.body.fields).toHaveProperty('bannerIds.0');
    expect((await callApi(setAppBannersRoute, { token, params: { id: app.id }, body: {} })).body.fields).toHaveProperty('bannerIds');
    expect(await callApi(setAppBannersRoute, { token, params: { id: UNKNOWN_ID }, body: { bannerIds: [linked] } })).toMatchObject({ status: 404, body: { error: 'app_not_found' } });
    expect((await callApi(setAppBannersRoute, { token, params: { id: 'not-a-uuid' }, body: { bannerIds: [] } })).status).toBe(404);

    const denied = await callApi(setAppBannersRoute, { token: await s2sToken(['read_app']), params: { id: app.id }, body: { bannerIds: [] } });
    expect(denied).toMatchObject({ status: 403, body: { error: 'insufficient_scope' } });
    expect(await appIdsOf(token, linked)).toEqual([app.id]);
  });
});
