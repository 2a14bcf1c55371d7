import { z } from 'zod';
import { AccessErrors } from '@/lib/access/errors';
import { deleteApp, getApp, listApps, regenerateAppSecret, registerApp, updateApp } from '@/lib/apps/admin';
import { createAppBody, updateAppBody } from '@/lib/apps/schemas';
import { AppErrors } from '@/lib/apps/errors';
import { apiCaller } from '../actor';
import { defineApiRoute } from '../define';
import { appRecord, appWithSecretRecord } from '../records';

const idParams = z.object({ id: z.string().uuid() });
const tag = 'Apps';
const scopeErrors = [AppErrors.unknown_scope, AppErrors.scope_type_mismatch, AppErrors.scope_not_held];

export const listAppsRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/apps',
  operationId: 'listApps',
  summary: 'List apps',
  tag,
  scopes: ['read_app'],
  response: z.object({ apps: z.array(appRecord) }),
  handler: async () => ({ apps: await listApps() }),
});

export const getAppRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/apps/{id}',
  operationId: 'getApp',
  summary: 'Get an app with its scopes (never its secret)',
  tag,
  scopes: ['read_app'],
  params: idParams,
  response: z.object({ app: appRecord }),
  handler: async ({ params }) => ({ app: await getApp(params.id) }),
});

export const createAppRoute = defineApiRoute({
  method: 'POST',
  path: '/api/v1/apps',
  operationId: 'createApp',
  summary: 'Create an app; an S2S app’s `secret` is in this response only',
  tag,
  scopes: ['write_app'],
  body: createAppBody,
  response: z.object({ app: appWithSecretRecord }),
  successStatus: 201,
  errors: [AppErrors.invalid_redirect_uri, ...scopeErrors, AccessErrors.introspection_needs_root],
  handler: async ({ principal, body, ip }) => ({ app: await registerApp(apiCaller(principal, ip), body) }),
});

export const updateAppRoute = defineApiRoute({
  method: 'PUT',
  path: '/api/v1/apps/{id}',
  operationId: 'updateApp',
  summary: 'Update an app (name, status, scopes, redirect URIs, consent, refresh rotation, app-level MFA)',
  tag,
  scopes: ['write_app'],
  params: idParams,
  body: updateAppBody,
  response: z.object({ app: appRecord }),
  errors: [AppErrors.invalid_redirect_uri, ...scopeErrors, AppErrors.built_in_app, AccessErrors.built_in_app_needs_root, AccessErrors.introspection_needs_root],
  handler: async ({ principal, params, body, ip }) => ({ app: await updateApp(apiCaller(principal, ip), params.id, body) }),
});

export const deleteAppRoute = defineApiRoute({
  method: 'DELETE',
  path: '/api/v1/apps/{id}',
  operationId: 'deleteApp',
  summary: 'Delete an app (not a built-in one) with its consents and tokens',
  tag,
  scopes: ['write_app'],
  params: idParams,
  successStatus: 204,
  errors: [AppErrors.built_in_app, AppErrors.scope_not_held, AccessErrors.built_in_app_needs_root],
  handler: async ({ principal, params, ip }) => deleteApp(apiCaller(principal, ip), params.id),
});

export const regenerateAppSecretRoute = defineApiRoute({
  method: 'POST',
  path: '/api/v1/apps/{id}/secret',
  operationId: 'regenerateAppSecret',
  summary: 'Replace an S2S app’s secret (Tessera only); the new `secret` is in this response only',
  tag,
  scopes: ['write_app'],
  params: idParams,
  response: z.object({ app: appWithSecretRecord.required({ secret: true }) }),
  errors: [AppErrors.app_has_no_secret, AppErrors.scope_not_held],
  handler: async ({ principal, params, ip }) => ({ app: await regenerateAppSecret(apiCaller(principal, ip), params.id) }),
});
