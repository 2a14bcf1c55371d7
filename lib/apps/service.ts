import { z } from 'zod';
import type { App, AppType } from '@/lib/db/generated/client';
import { recordAudit, type AuditActor } from '@/lib/audit';
import { emitEvent } from '@/lib/events';
import { randomToken, sha256 } from '@/lib/crypto/tokens';
import { db, transaction, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { redirectUriProblem } from '@/lib/apps/redirect-uris';
import { SPA_BUILT_IN_SCOPES } from '@/lib/access/builtin';
import { AppErrors } from './errors';
import { idTokenSignedResponseAlg } from './schemas';

export const createAppInput = z.object({
  name: z.string().trim().min(1).max(50),
  type: z.enum(['spa', 's2s']),
  redirectUris: z.array(z.string().trim().min(1).max(2000)).max(50).default([]),
  postLogoutRedirectUris: z.array(z.string().trim().min(1).max(2000)).max(50).default([]),
  scopes: z.array(z.string().trim().min(1).max(50)).max(100).optional(),
  clientId: z.string().regex(/^[A-Za-z0-9._-]{8,64}$/).optional(),
  skipConsent: z.boolean().default(false),
  rotateRefreshTokens: z.boolean().default(true),
  allowIntrospection: z.boolean().default(false),
  allowDeviceFlow: z.boolean().default(false),
  idTokenSignedResponseAlg: idTokenSignedResponseAlg.default(null),
  isBuiltIn: z.boolean().default(false),
});
export type CreateAppInput = z.input<typeof createAppInput>;

export interface CreatedApp {
  id: string;
  clientId: string;
  name: string;
  type: AppType;
  /** Only S2S apps have a secret, and it is returned only here. */
  clientSecret?: string;
}

/** Refuses the first URI that is not a valid redirect URI (stored exactly as given: no lower-casing). */
export function checkRedirectUris(uris: string[], field = 'redirectUris') {
  for (const uri of uris) {
    const problem = redirectUriProblem(uri);
    if (problem) throw new AppError(AppErrors.invalid_redirect_uri, `${uri}: ${problem}`, { [field]: problem });
  }
}

/** A new S2S secret: returned to the caller once, stored only as its SHA-256. */
export function newClientSecret() {
  const secret = randomToken(48);
  return { secret, secretHash: sha256(secret) };
}

/** The scopes named `names`, all existing and all of the app's type. */
export async function resolveAppScopes(tx: Tx, names: string[], type: AppType) {
  const unique = [...new Set(names)];
  const scopes = await tx.scope.findMany({ where: { name: { in: unique } } });
  const missing = unique.filter((name) => !scopes.some((scope) => scope.name === name));
  if (missing.length) throw new AppError(AppErrors.unknown_scope, `Unknown scope: ${missing.join(', ')}`, { scopes: missing.join(', ') });
  const mismatched = scopes.filter((scope) => scope.type !== type);
  if (mismatched.length) {
    const names = mismatched.map((scope) => scope.name).join(', ');
    throw new AppError(AppErrors.scope_type_mismatch, `Not ${type} scopes: ${names}`, { scopes: `Not ${type} scopes: ${names}` });
  }
  return scopes;
}

/**
 * Registers an app. With `options.actor` the creation is recorded in the audit log in the same
 * transaction (the secret is never part of the audit values).
 */
export async function createApp(rawInput: CreateAppInput, options: { actor?: AuditActor } = {}): Promise<CreatedApp> {
  const input = createAppInput.parse(rawInput);
  checkRedirectUris(input.redirectUris);
  checkRedirectUris(input.postLogoutRedirectUris, 'postLogoutRedirectUris');
  const scopeNames = input.scopes ?? (input.type === 'spa' ? [...SPA_BUILT_IN_SCOPES] : []);
  const credential = input.type === 's2s' ? newClientSecret() : undefined;
  const clientId = input.clientId ?? randomToken(24);

  return transaction(async (tx) => {
    const scopes = await resolveAppScopes(tx, scopeNames, input.type);
    const app = await tx.app.create({
      data: {
        name: input.name,
        type: input.type,
        clientId,
        secretHash: credential?.secretHash ?? null,
        redirectUris: input.redirectUris,
        postLogoutRedirectUris: input.postLogoutRedirectUris,
        skipConsent: input.skipConsent,
        rotateRefreshTokens: input.rotateRefreshTokens,
        allowIntrospection: input.allowIntrospection,
        allowDeviceFlow: input.allowDeviceFlow,
        idTokenSignedResponseAlg: input.idTokenSignedResponseAlg,
        isBuiltIn: input.isBuiltIn,
        scopes: { create: scopes.map((scope) => ({ scopeId: scope.id })) },
      },
    });
    if (options.actor) {
      const { secretHash: _omitted, ...after } = app;
      await recordAudit(tx, options.actor, {
        action: 'app.created',
        targetType: 'app',
        targetId: app.id,
        after: { ...after, scopes: scopes.map((scope) => scope.name).sort() },
      });
    }
    await emitEvent(tx, options.actor ?? { type: 'system', id: null }, 'app.created', {
      app: { id: app.id, clientId: app.clientId, name: app.name, type: app.type },
    });
    return { id: app.id, clientId: app.clientId, name: app.name, type: app.type, clientSecret: credential?.secret };
  });
}

export type AppWithScopes = App & { scopeNames: string[] };

/**
 * An app with the names of its scopes (sorted), or null. Client authentication runs this on every
 * token request, so it is ONE query on the unique clientId index (Prisma's nested include takes
 * three round trips). `a.*` yields exactly the App fields because none of them is @map-ped (a test
 * compares the result with Prisma's); the unqualified tables follow the search_path, which lib/db
 * points at DATABASE_SCHEMA.
 */
export async function findAppByClientId(clientId: string): Promise<AppWithScopes | null> {
  const rows = await db.$queryRaw<AppWithScopes[]>`
    SELECT a.*, ARRAY(
      SELECT s.name FROM app_scopes x JOIN scopes s ON s.id = x."scopeId" WHERE x."appId" = a.id ORDER BY s.name
    ) AS "scopeNames"
    FROM apps a WHERE a."clientId" = ${clientId}`;
  return rows[0] ?? null;
}

/**
 * The granted `scopes` the app still has: a code or refresh token carries the scopes of its
 * grant, and a scope removed from the app since then must not come back in a new token.
 */
export async function scopesTheAppStillHas(appId: string, scopes: readonly string[]): Promise<string[]> {
  const appScopes = await db.appScope.findMany({ where: { appId }, select: { scope: { select: { name: true } } } });
  const allowed = new Set(appScopes.map((entry) => entry.scope.name));
  return scopes.filter((scope) => allowed.has(scope));
}

/**
 * Origins of the redirect URIs of active apps: the browser origins our CORS-enabled endpoints
 * answer. Custom-scheme URIs (native apps) have no web origin and are skipped.
 */
export async function listActiveRedirectOrigins(): Promise<string[]> {
  const apps = await db.app.findMany({ where: { isActive: true }, select: { redirectUris: true } });
  const origins = new Set<string>();
  for (const uri of apps.flatMap((app) => app.redirectUris)) {
    try {
      const { origin } = new URL(uri);
      if (origin !== 'null') origins.add(origin);
    } catch {
      // registration validates URIs; an unparsable legacy value simply grants no origin
    }
  }
  return [...origins];
}
