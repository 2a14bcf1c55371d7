import { z } from 'zod';
import { AppErrors } from '@/lib/apps/errors';
import { BannerErrors } from '@/lib/banners/errors';
import { createBanner, deleteBanner, getBanner, listBanners, setAppBanners, updateBanner } from '@/lib/banners/admin';
import { appBannersInput, createBannerInput, updateBannerInput } from '@/lib/banners/schemas';
import { auditActor } from '../actor';
import { defineApiRoute } from '../define';
import { appBannerRecord } from '../records';

// Melody's wrapper keys for this resource are appBanners / appBanner.

const idParams = z.object({ id: z.string().uuid() });
const tag = 'App banners';
const gate = BannerErrors.feature_disabled;

export const listAppBannersRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/app-banners',
  operationId: 'listAppBanners',
  summary: 'List app banners (ENABLE_APP_BANNER)',
  tag,
  scopes: ['read_app'],
  response: z.object({ appBanners: z.array(appBannerRecord) }),
  errors: [gate],
  handler: async () => ({ appBanners: await listBanners() }),
});

export const getAppBannerRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/app-banners/{id}',
  operationId: 'getAppBanner',
  summary: 'Get an app banner (ENABLE_APP_BANNER)',
  tag,
  scopes: ['read_app'],
  params: idParams,
  response: z.object({ appBanner: appBannerRecord }),
  errors: [gate],
  handler: async ({ params }) => ({ appBanner: await getBanner(params.id) }),
});

export const createAppBannerRoute = defineApiRoute({
  method: 'POST',
  path: '/api/v1/app-banners',
  operationId: 'createAppBanner',
  summary: 'Create an app banner; link it to apps with PUT (ENABLE_APP_BANNER)',
  tag,
  scopes: ['write_app'],
  body: createBannerInput,
  response: z.object({ appBanner: appBannerRecord }),
  successStatus: 201,
  errors: [gate],
  handler: async ({ principal, body, ip }) => ({ appBanner: await createBanner(auditActor(principal, ip), body) }),
});

export const updateAppBannerRoute = defineApiRoute({
  method: 'PUT',
  path: '/api/v1/app-banners/{id}',
  operationId: 'updateAppBanner',
  summary: 'Update an app banner: type, texts, linked apps, status (ENABLE_APP_BANNER)',
  tag,
  scopes: ['write_app'],
  params: idParams,
  body: updateBannerInput,
  response: z.object({ appBanner: appBannerRecord }),
  errors: [gate, BannerErrors.unknown_app],
  handler: async ({ principal, params, body, ip }) => ({ appBanner: await updateBanner(auditActor(principal, ip), params.id, body) }),
});

export const deleteAppBannerRoute = defineApiRoute({
  method: 'DELETE',
  path: '/api/v1/app-banners/{id}',
  operationId: 'deleteAppBanner',
  summary: 'Delete an app banner (ENABLE_APP_BANNER)',
  tag,
  scopes: ['write_app'],
  params: idParams,
  successStatus: 204,
  errors: [gate],
  handler: async ({ principal, params, ip }) => deleteBanner(auditActor(principal, ip), params.id),
});

export const setAppBannersRoute = defineApiRoute({
  method: 'PUT',
  path: '/api/v1/apps/{id}/banners',
  operationId: 'setAppBanners',
  summary: 'Set the banners shown on one app in one transaction, leaving other apps’ banners as they are; answers the app’s banners (Tessera only, ENABLE_APP_BANNER)',
  tag,
  scopes: ['write_app'],
  params: idParams,
  body: appBannersInput,
  response: z.object({ appBanners: z.array(appBannerRecord) }),
  errors: [gate, AppErrors.app_not_found, BannerErrors.unknown_banner],
  handler: async ({ principal, params, body, ip }) => ({ appBanners: await setAppBanners(auditActor(principal, ip), params.id, body) }),
});
