import { z } from 'zod';
import type { AppType } from '@/lib/db/generated/client';
import { randomToken, sha256 } from '@/lib/crypto/tokens';
import { db, transaction } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { redirectUriProblem } from '@/lib/oauth/redirect-uris';
import { SPA_BUILT_IN_SCOPES } from '@/lib/scopes/builtin';
import { AppErrors } from './errors';

export const createAppInput = z.object({
  name: z.string().trim().min(1).max(50),
  type: z.enum(['spa', 's2s']),
  redirectUris: z.array(z.string().trim().min(1).max(2000)).max(50).default([]),
  postLogoutRedirectUris: z.array(z.string().trim().min(1).max(2000)).max(50).default([]),
  scopes: z.array(z.string().trim().min(1).max(50)).max(100).optional(),
  clientId: z.string().regex(/^[A-Za-z0-9._-]{8,64}$/).optional(),
  skipConsent: z.boolean().default(false),
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

function checkRedirectUris(uris: string[]) {
  for (const uri of uris) {
    const problem = redirectUriProblem(uri);
    if (problem) throw new AppError(AppErrors.invalid_redirect_uri, `${uri}: ${problem}`, { redirectUris: problem });
  }
}

export async function createApp(rawInput: CreateAppInput): Promise<CreatedApp> {
  const input = createAppInput.parse(rawInput);
  checkRedirectUris(input.redirectUris);
  checkRedirectUris(input.postLogoutRedirectUris);
  const scopeNames = input.scopes ?? (input.type === 'spa' ? [...SPA_BUILT_IN_SCOPES] : []);
  const clientSecret = input.type === 's2s' ? randomToken(48) : undefined;
  const clientId = input.clientId ?? randomToken(24);

  return transaction(async (tx) => {
    const scopes = await tx.scope.findMany({ where: { name: { in: scopeNames } } });
    const missing = scopeNames.filter((name) => !scopes.some((scope) => scope.name === name));
    if (missing.length) throw new AppError(AppErrors.unknown_scope, `Unknown scope: ${missing.join(', ')}`, { scopes: missing.join(', ') });
    const mismatched = scopes.filter((scope) => scope.type !== input.type);
    if (mismatched.length) {
      throw new AppError(AppErrors.scope_type_mismatch, `Not ${input.type} scopes: ${mismatched.map((s) => s.name).join(', ')}`);
    }
    const app = await tx.app.create({
      data: {
        name: input.name,
        type: input.type,
        clientId,
        secretHash: clientSecret ? sha256(clientSecret) : null,
        redirectUris: input.redirectUris,
        postLogoutRedirectUris: input.postLogoutRedirectUris,
        skipConsent: input.skipConsent,
        isBuiltIn: input.isBuiltIn,
        scopes: { create: scopes.map((scope) => ({ scopeId: scope.id })) },
      },
    });
    return { id: app.id, clientId: app.clientId, name: app.name, type: app.type, clientSecret };
  });
}

/** An app with the names of its scopes, or null. */
export async function findAppByClientId(clientId: string) {
  const app = await db.app.findUnique({ where: { clientId }, include: { scopes: { include: { scope: true } } } });
  if (!app) return null;
  const { scopes, ...rest } = app;
  return { ...rest, scopeNames: scopes.map((entry) => entry.scope.name) };
}

export type AppWithScopes = NonNullable<Awaited<ReturnType<typeof findAppByClientId>>>;

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
