import { z } from 'zod';
import { recordAudit } from '@/lib/audit';
import { emitEvent } from '@/lib/events';
import { db, transaction, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { S2S_BUILT_IN_SCOPES, SPA_BUILT_IN_SCOPES } from '@/lib/access/builtin';
import type { Caller } from '@/lib/access/principal';
import { hasScope } from '@/lib/access/scopes';
import { assertMayChangeApp, assertMaySetIntrospection } from '@/lib/access/targets';
import { invalidate } from '@/lib/cache/invalidation';
import { AppErrors } from './errors';
import type { createAppBody, updateAppBody } from './schemas';
import { checkRedirectUris, createApp, newClientSecret, resolveAppScopes } from './service';

// App management for the S2S API and the admin dashboard (one service for both).
//
// Privilege rule (Melody #500, generalised): the S2S API's own scopes (root, read_user, …) are
// credentials. A caller may only give an app API scopes it holds itself, and may only change,
// delete or re-key an app whose API scopes it holds: otherwise a write_app token could mint
// itself a root app, or take over one by regenerating its secret. root holds everything. Built-in
// apps (the dashboard's client, the demo app) change only through root (lib/access/targets.ts).

const withScopes = { scopes: { include: { scope: { select: { name: true } } } } } as const;

type AppRow = NonNullable<Awaited<ReturnType<typeof findApp>>>;

function findApp(client: Tx | typeof db, id: string) {
  return client.app.findUnique({ where: { id }, include: withScopes });
}

/** The app as the API shows it: scope names, never the secret hash. */
function toDetail(app: AppRow) {
  const { scopes, secretHash: _secretHash, ...rest } = app;
  return { ...rest, scopes: scopes.map((entry) => entry.scope.name).sort() };
}

export type AppDetail = ReturnType<typeof toDetail>;

const API_SCOPES: readonly string[] = S2S_BUILT_IN_SCOPES;

function assertHolds(caller: Caller, scopeNames: Iterable<string>) {
  const missing = [...new Set(scopeNames)].filter((name) => API_SCOPES.includes(name) && !hasScope(caller, name));
  if (missing.length) {
    throw new AppError(AppErrors.scope_not_held, `The caller does not hold: ${missing.join(', ')}`, { scopes: missing.join(', ') });
  }
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value, index) => value === b[index]);
const sameSet = (a: readonly string[], b: readonly string[]) => sameList([...new Set(a)].sort(), [...new Set(b)].sort());

export function listApps() {
  return db.app
    .findMany({ orderBy: [{ isBuiltIn: 'desc' }, { createdAt: 'asc' }], include: withScopes })
    .then((apps) => apps.map(toDetail));
}

export async function getApp(id: string): Promise<AppDetail> {
  const app = await findApp(db, id);
  if (!app) throw new AppError(AppErrors.app_not_found);
  return toDetail(app);
}

/** Creates an app; an S2S app's secret is in the result, the only time it is ever shown. */
export async function registerApp(caller: Caller, input: z.output<typeof createAppBody>): Promise<AppDetail & { secret?: string }> {
  const scopes = input.scopes ?? (input.type === 'spa' ? [...SPA_BUILT_IN_SCOPES] : []);
  // API scopes are s2s scopes: on a SPA they fail the type check instead
  if (input.type === 's2s') assertHolds(caller, scopes);
  assertMaySetIntrospection(caller, false, input.allowIntrospection);
  const created = await createApp({ ...input, scopes }, { actor: caller.actor });
  const app = await getApp(created.id);
  return created.clientSecret ? { ...app, secret: created.clientSecret } : app;
}

export async function updateApp(caller: Caller, id: string, input: z.output<typeof updateAppBody>): Promise<AppDetail> {
  if (input.redirectUris) checkRedirectUris(input.redirectUris);
  if (input.postLogoutRedirectUris) checkRedirectUris(input.postLogoutRedirectUris, 'postLogoutRedirectUris');
  return transaction(async (tx) => {
    const row = await findApp(tx, id);
    if (!row) throw new AppError(AppErrors.app_not_found);
    const before = toDetail(row);
    assertHolds(caller, before.scopes);
    assertMayChangeApp(caller, before);
    assertMaySetIntrospection(caller, before.allowIntrospection, input.allowIntrospection);
    if (before.isBuiltIn) {
      const refused =
        input.isActive === false ||
        (input.scopes !== undefined && !sameSet(input.scopes, before.scopes)) ||
        (input.redirectUris !== undefined && !sameList(input.redirectUris, before.redirectUris)) ||
        (input.postLogoutRedirectUris !== undefined && !sameList(input.postLogoutRedirectUris, before.postLogoutRedirectUris));
      if (refused) throw new AppError(AppErrors.built_in_app);
    }
    const { scopes: scopeNames, ...fields } = input;
    if (scopeNames !== undefined) {
      const scopes = await resolveAppScopes(tx, scopeNames, before.type);
      assertHolds(caller, scopes.map((scope) => scope.name));
      await tx.appScope.deleteMany({ where: { appId: id } });
      await tx.appScope.createMany({ data: scopes.map((scope) => ({ appId: id, scopeId: scope.id })) });
    }
    const after = toDetail(await tx.app.update({ where: { id }, data: fields, include: withScopes }));
    await recordAudit(tx, caller.actor, { action: 'app.updated', targetType: 'app', targetId: id, before, after });
    const changed = Object.keys(after).filter((key) => key !== 'updatedAt' && JSON.stringify(after[key as keyof AppDetail]) !== JSON.stringify(before[key as keyof AppDetail]));
    if (changed.length) {
      await emitEvent(tx, caller.actor, 'app.updated', { app: { id, clientId: after.clientId, name: after.name, type: after.type }, changed });
    }
    return after;
  }).finally(() => invalidate('apps'));
}

export async function deleteApp(caller: Caller, id: string): Promise<void> {
  await transaction(async (tx) => {
    const row = await findApp(tx, id);
    if (!row) throw new AppError(AppErrors.app_not_found);
    const before = toDetail(row);
    assertMayChangeApp(caller, before);
    if (before.isBuiltIn) throw new AppError(AppErrors.built_in_app);
    assertHolds(caller, before.scopes);
    await tx.app.delete({ where: { id } });
    await recordAudit(tx, caller.actor, { action: 'app.deleted', targetType: 'app', targetId: id, before });
    await emitEvent(tx, caller.actor, 'app.deleted', { app: { id, clientId: before.clientId, name: before.name, type: before.type } });
  }).finally(() => invalidate('apps'));
}

/**
 * Replaces an S2S app's secret; the old one stops working at once on every instance
 * (lib/apps/client-cache.ts, lib/cache/invalidation.ts). Access tokens already issued stay valid until they
 * expire: deactivate the app to cut them off. Returned once.
 */
export async function regenerateAppSecret(caller: Caller, id: string): Promise<AppDetail & { secret: string }> {
  return transaction(async (tx) => {
    const row = await findApp(tx, id);
    if (!row) throw new AppError(AppErrors.app_not_found);
    if (row.type !== 's2s') throw new AppError(AppErrors.app_has_no_secret);
    assertHolds(caller, toDetail(row).scopes);
    assertMayChangeApp(caller, row);
    const { secret, secretHash } = newClientSecret();
    const app = toDetail(await tx.app.update({ where: { id }, data: { secretHash }, include: withScopes }));
    await recordAudit(tx, caller.actor, {
      action: 'app.secret_regenerated',
      targetType: 'app',
      targetId: id,
      after: { clientId: app.clientId },
    });
    return { ...app, secret };
  }).finally(() => invalidate('apps'));
}
