import { z } from 'zod';

// The banner API's input schemas, free of server code so the admin dashboard's banner form (a
// client component) validates with exactly what the API accepts.

export const bannerLocaleEntry = z.object({ locale: z.string().trim().min(2).max(10), value: z.string().trim().max(1000) });
export const bannerType = z.enum(['info', 'warning', 'error', 'success']);
export const bannerText = z.string().trim().max(1000);

export const createBannerInput = z.object({
  type: bannerType,
  text: bannerText.default('').describe('Fallback text when no locale matches'),
  locales: z.array(bannerLocaleEntry).max(50).default([]),
});

export const updateBannerInput = z.object({
  type: bannerType.optional(),
  text: bannerText.optional(),
  locales: z.array(bannerLocaleEntry).max(50).optional().describe('Replaces the texts per locale'),
  appIds: z.array(z.string().uuid()).max(1000).optional().describe('Replaces the apps showing the banner'),
  isActive: z.boolean().optional(),
});

export const appBannersInput = z.object({
  bannerIds: z.array(z.string().uuid()).max(1000).describe('Replaces the banners shown on this app; other apps keep theirs'),
});
