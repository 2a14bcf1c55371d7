import { z } from 'zod';
import { recordAudit, recordAuditMany, type AuditActor } from '@/lib/audit';
import { config } from '@/lib/config';
import { db, transaction, type Tx } from '@/lib/db';
import { AppErrors } from '@/lib/apps/errors';
import { AppError } from '@/lib/errors';
import { BannerErrors } from './errors';
import type { appBannersInput, bannerLocaleEntry, createBannerInput, updateBannerInput } from './schemas';

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

const order = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];

export async function listBanners(): Promise<BannerRecord[]> {
  assertEnabled();
  return (await db.banner.findMany({ orderBy: order, include })).map(toRecord);
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

/**
 * Sets the banners shown on one app and returns them. Unlike updateBanner's appIds (a banner's
 * whole app list), this touches only this app's links, so assigning from the app side never
 * rewrites other apps' assignments; all in one transaction. Each banner whose link changed gets
 * its own banner.updated event, as if its appIds had been edited, so its history stays complete.
 */
export async function setAppBanners(actor: AuditActor, appId: string, input: z.output<typeof appBannersInput>): Promise<BannerRecord[]> {
  assertEnabled();
  return transaction(async (tx) => {
    if (!(await tx.app.findUnique({ where: { id: appId }, select: { id: true } }))) throw new AppError(AppErrors.app_not_found);
    const wanted = new Set(input.bannerIds);
    const found = new Set((await tx.banner.findMany({ where: { id: { in: [...wanted] } }, select: { id: true } })).map((banner) => banner.id));
    const missing = [...wanted].filter((id) => !found.has(id));
    if (missing.length) throw new AppError(BannerErrors.unknown_banner, `Unknown banner: ${missing.join(', ')}`, { bannerIds: missing.join(', ') });
    const linked = new Set((await tx.appBanner.findMany({ where: { appId }, select: { bannerId: true } })).map((link) => link.bannerId));
    const added = [...wanted].filter((id) => !linked.has(id));
    const removed = [...linked].filter((id) => !wanted.has(id));
    const changed = [...added, ...removed];
    if (changed.length) {
      const before = new Map((await tx.banner.findMany({ where: { id: { in: changed } }, include })).map((row) => [row.id, toRecord(row)]));
      await tx.appBanner.deleteMany({ where: { appId, bannerId: { in: removed } } });
      // a concurrent call may have just linked the same banner: the link is what was asked for
      await tx.appBanner.createMany({ data: added.map((bannerId) => ({ appId, bannerId })), skipDuplicates: true });
      await tx.banner.updateMany({ where: { id: { in: changed } }, data: { updatedAt: new Date() } });
      const after = (await tx.banner.findMany({ where: { id: { in: changed } }, orderBy: order, include })).map(toRecord);
      await recordAuditMany(
        tx,
        actor,
        after.map((banner) => ({ action: 'banner.updated', targetType: 'banner', targetId: banner.id, before: before.get(banner.id), after: banner })),
      );
    }
    return (await tx.banner.findMany({ where: { apps: { some: { appId } } }, orderBy: order, include })).map(toRecord);
  });
}
