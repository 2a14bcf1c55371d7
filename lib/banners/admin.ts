import { z } from 'zod';
import { recordAudit, type AuditActor } from '@/lib/audit';
import { config } from '@/lib/config';
import { db, transaction, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { BannerErrors } from './errors';
import type { bannerLocaleEntry, createBannerInput, updateBannerInput } from './schemas';

// App banners (messages shown on the hosted pages of the apps they are linked to), managed by
// the S2S API and the admin dashboard. Melody gates them on ENABLE_APP_BANNER.

function assertEnabled() {
  if (!config().enableAppBanner) throw new AppError(BannerErrors.feature_disabled);
}

const include = { locales: { orderBy: { locale: 'asc' as const } }, apps: { select: { appId: true } } };

type BannerRow = NonNullable<Awaited<ReturnType<typeof findBanner>>>;

function findBanner(client: Tx | typeof db, id: string) {
  return client.banner.findUnique({ where: { id }, include });
}

function toRecord(banner: BannerRow) {
  const { locales, apps, ...rest } = banner;
  return {
    ...rest,
    appIds: apps.map((entry) => entry.appId).sort(),
    locales: locales.map(({ locale, value }) => ({ locale, value })),
  };
}

export type BannerRecord = ReturnType<typeof toRecord>;

function uniqueLocales(locales: z.output<typeof bannerLocaleEntry>[]) {
  return [...new Map(locales.map((entry) => [entry.locale, entry])).values()];
}

export async function listBanners(): Promise<BannerRecord[]> {
  assertEnabled();
  return (await db.banner.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], include })).map(toRecord);
}

export async function getBanner(id: string): Promise<BannerRecord> {
  assertEnabled();
  const banner = await findBanner(db, id);
  if (!banner) throw new AppError(BannerErrors.banner_not_found);
  return toRecord(banner);
}

export async function createBanner(actor: AuditActor, input: z.output<typeof createBannerInput>): Promise<BannerRecord> {
  assertEnabled();
  return transaction(async (tx) => {
    const created = await tx.banner.create({
      data: { type: input.type, text: input.text, locales: { create: uniqueLocales(input.locales) } },
      include,
    });
    const banner = toRecord(created);
    await recordAudit(tx, actor, { action: 'banner.created', targetType: 'banner', targetId: banner.id, after: banner });
    return banner;
  });
}

export async function updateBanner(actor: AuditActor, id: string, input: z.output<typeof updateBannerInput>): Promise<BannerRecord> {
  assertEnabled();
  return transaction(async (tx) => {
    const row = await findBanner(tx, id);
    if (!row) throw new AppError(BannerErrors.banner_not_found);
    const before = toRecord(row);
    if (input.locales) {
      await tx.bannerLocale.deleteMany({ where: { bannerId: id } });
      await tx.bannerLocale.createMany({ data: uniqueLocales(input.locales).map((entry) => ({ ...entry, bannerId: id })) });
    }
    if (input.appIds) {
      const appIds = [...new Set(input.appIds)];
      const found = await tx.app.findMany({ where: { id: { in: appIds } }, select: { id: true } });
      const missing = appIds.filter((appId) => !found.some((app) => app.id === appId));
      if (missing.length) throw new AppError(BannerErrors.unknown_app, `Unknown app: ${missing.join(', ')}`, { appIds: missing.join(', ') });
      await tx.appBanner.deleteMany({ where: { bannerId: id } });
      await tx.appBanner.createMany({ data: appIds.map((appId) => ({ appId, bannerId: id })) });
    }
    const updated = await tx.banner.update({
      where: { id },
      data: {
        ...(input.type !== undefined ? { type: input.type } : {}),
        ...(input.text !== undefined ? { text: input.text } : {}),
        ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
      },
      include,
    });
    const after = toRecord(updated);
    await recordAudit(tx, actor, { action: 'banner.updated', targetType: 'banner', targetId: id, before, after });
    return after;
  });
}

export async function deleteBanner(actor: AuditActor, id: string): Promise<void> {
  assertEnabled();
  await transaction(async (tx) => {
    const row = await findBanner(tx, id);
    if (!row) throw new AppError(BannerErrors.banner_not_found);
    await tx.banner.delete({ where: { id } });
    await recordAudit(tx, actor, { action: 'banner.deleted', targetType: 'banner', targetId: id, before: toRecord(row) });
  });
}
