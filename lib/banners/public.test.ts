import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { GET } from '@/app/identity/v1/app-banners/route';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { makeS2sApp, makeSpaApp } from '@/lib/testing/factories';
import { bannersForApp, bannersForClientId, bannerText, localizeBanner } from './public';

beforeEach(() => overrideConfigForTesting({ enableAppBanner: true, defaultLocale: 'en' }));
afterEach(() => resetConfigForTesting());

describe('banner text by locale', () => {
  const banner = {
    text: 'Default text',
    locales: [
      { locale: 'en', value: 'English text' },
      { locale: 'zh-CN', value: '中文内容' },
      { locale: 'fr', value: '   ' },
    ],
  };

  it('exact locale, then the same language, then the default text, then the default locale', () => {
    expect(bannerText(banner, 'zh-CN', 'en')).toBe('中文内容');
    expect(bannerText(banner, 'ZH-cn', 'en')).toBe('中文内容');
    expect(bannerText(banner, 'zh-TW', 'en')).toBe('中文内容');
    expect(bannerText(banner, 'en-GB', 'en')).toBe('English text');
    expect(bannerText(banner, 'fr', 'en'), 'blank translations do not count').toBe('Default text');
    expect(bannerText({ ...banner, text: '' }, 'fr', 'en')).toBe('English text');
    expect(bannerText({ text: ' ', locales: [{ locale: 'de', value: 'Deutsch' }] }, 'fr', 'en')).toBeNull();
    // The language of the text chosen, for lang="" on a fallback.
    expect(localizeBanner(banner, 'zh-TW', 'en')).toEqual({ text: '中文内容', lang: 'zh-CN' });
    expect(localizeBanner(banner, 'fr', 'en')).toEqual({ text: 'Default text', lang: 'en' });
  });
});

describe('active banners of an app', () => {
  async function setup() {
    const app = await makeSpaApp();
    const other = await makeSpaApp();
    const info = await db.banner.create({
      data: { type: 'info', text: 'Maintenance tonight', locales: { create: [{ locale: 'zh-CN', value: '今晚维护' }] }, apps: { create: [{ appId: app.id }] } },
    });
    const warning = await db.banner.create({ data: { type: 'warning', text: '', locales: { create: [{ locale: 'en', value: 'Read me' }] }, apps: { create: [{ appId: app.id }] } } });
    await db.banner.create({ data: { type: 'error', text: 'Inactive', isActive: false, apps: { create: [{ appId: app.id }] } } });
    await db.banner.create({ data: { type: 'success', text: 'Other app', apps: { create: [{ appId: other.id }] } } });
    await db.banner.create({ data: { type: 'success', text: 'Linked to nothing' } });
    return { app, info, warning };
  }

  it('shows active banners linked to the app, localized, oldest first', async () => {
    const { app, info, warning } = await setup();
    expect(await bannersForApp(app.id, 'zh-CN')).toEqual([
      { id: info.id, type: 'info', text: '今晚维护', lang: 'zh-CN' },
      { id: warning.id, type: 'warning', text: 'Read me', lang: 'en' },
    ]);
    expect((await bannersForApp(app.id, 'en')).map((banner) => banner.text)).toEqual(['Maintenance tonight', 'Read me']);
    overrideConfigForTesting({ enableAppBanner: false });
    expect(await bannersForApp(app.id, 'en')).toEqual([]);
  });

  it('GET /identity/v1/app-banners?client_id= answers Melody’s { banners } with every locale', async () => {
    const { app, info } = await setup();
    const response = await GET(new NextRequest(`http://localhost:3999/identity/v1/app-banners?client_id=${app.clientId}`));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { banners: Array<Record<string, unknown>> };
    expect(body.banners).toHaveLength(2);
    expect(body.banners[0]).toMatchObject({ id: info.id, type: 'info', text: 'Maintenance tonight', isActive: true, locales: [{ locale: 'zh-CN', value: '今晚维护' }] });

    const s2s = await makeS2sApp();
    for (const clientId of ['', 'unknown-client', s2s.clientId]) {
      const refused = await GET(new NextRequest(`http://localhost:3999/identity/v1/app-banners?client_id=${clientId}`));
      expect(refused.status, clientId).toBe(404);
    }
    overrideConfigForTesting({ enableAppBanner: false });
    await expect(bannersForClientId(app.clientId)).rejects.toMatchObject({ code: 'feature_disabled', status: 400 });
  });
});
