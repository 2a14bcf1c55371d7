// API keys for the S2S API (node-auth's design): `tsk_<prefix>_<secret>`, stored as the prefix
// (public: shown in lists, used for lookup) and the SHA-256 of the secret, never the secret.
// A key holds S2S scopes directly and acts through the access module like an S2S token
// (lib/api/principal.ts); managing keys is root's (lib/api/routes/api-keys.ts, the CLI).
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Caller } from '@/lib/access/principal';
import { resolveAppScopes } from '@/lib/apps/service';
import { recordAudit } from '@/lib/audit';
import { randomToken, safeEqual, sha256 } from '@/lib/crypto/tokens';
import { db, transaction } from '@/lib/db';
import type { ApiKey } from '@/lib/db/generated/client';
import { AppError, CommonErrors } from '@/lib/errors';
import { ipAllowed, invalidCidrs } from './cidr';
import { ApiKeyErrors } from './errors';
import { API_KEY_PREFIX, type createApiKeyInput } from './schemas';

const KEY_PATTERN = /^tsk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** Last use is written at most this often per key (and when the IP changes): a busy key is not a write per request. */
export const LAST_USED_WRITE_INTERVAL_MS = 60_000;

export function toApiKeyRecord(row: ApiKey, now = new Date()) {
  return {
    id: row.id,
    name: row.name,
    prefix: `${API_KEY_PREFIX}${row.prefix}`,
    scopes: row.scopes,
    ipAllowList: row.ipAllowList,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    status: row.revokedAt ? ('revoked' as const) : row.expiresAt && row.expiresAt <= now ? ('expired' as const) : ('active' as const),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: row.lastUsedIp,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
  };
}
export type ApiKeyRecord = ReturnType<typeof toApiKeyRecord>;

const auditView = (row: ApiKey) => ({ name: row.name, prefix: `${API_KEY_PREFIX}${row.prefix}`, scopes: row.scopes, ipAllowList: row.ipAllowList, expiresAt: row.expiresAt });

export async function listApiKeys(): Promise<ApiKeyRecord[]> {
  const now = new Date();
  return (await db.apiKey.findMany({ orderBy: { createdAt: 'desc' } })).map((row) => toApiKeyRecord(row, now));
}

export async function getApiKey(id: string): Promise<ApiKeyRecord> {
  const row = await db.apiKey.findUnique({ where: { id } });
  if (!row) throw new AppError(ApiKeyErrors.api_key_not_found);
  return toApiKeyRecord(row);
}

/** Creates a key; `key` (tsk_…) is returned this once: only its hash is stored. */
export async function createApiKey(caller: Caller, input: z.output<typeof createApiKeyInput>): Promise<{ apiKey: ApiKeyRecord; key: string }> {
  const ipAllowList = [...new Set(input.ipAllowList)];
  const invalid = invalidCidrs(ipAllowList);
  if (invalid.length) throw new AppError(ApiKeyErrors.invalid_ip_allow_list, `Not an IP address or CIDR range: ${invalid.join(', ')}`, { ipAllowList: invalid.join(', ') });
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= new Date()) throw new AppError(CommonErrors.invalid_input, 'The expiry must be in the future.', { expiresAt: 'The expiry must be in the future.' });
  const prefix = randomBytes(6).toString('hex');
  const secret = randomToken(32);
  const row = await transaction(async (tx) => {
    const scopes = await resolveAppScopes(tx, input.scopes, 's2s');
    const created = await tx.apiKey.create({
      data: {
        name: input.name,
        prefix,
        keyHash: sha256(secret),
        scopes: scopes.map((scope) => scope.name).sort(),
        ipAllowList,
        expiresAt,
        // the column names a user; apps and the CLI are in the audit row
        createdById: caller.actor.type === 'user' ? caller.actor.id : null,
      },
    });
    await recordAudit(tx, caller.actor, { action: 'api_key.created', targetType: 'api_key', targetId: created.id, after: auditView(created) });
    return created;
  });
  return { apiKey: toApiKeyRecord(row), key: `${API_KEY_PREFIX}${prefix}_${secret}` };
}

/** Revokes a key at once (its row stays, listed as revoked, for the audit trail); revoking again changes nothing. */
export async function revokeApiKey(caller: Caller, id: string): Promise<ApiKeyRecord> {
  return transaction(async (tx) => {
    const before = await tx.apiKey.findUnique({ where: { id } });
    if (!before) throw new AppError(ApiKeyErrors.api_key_not_found);
    if (before.revokedAt) return toApiKeyRecord(before);
    const after = await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, caller.actor, { action: 'api_key.revoked', targetType: 'api_key', targetId: id, before: auditView(before) });
    return toApiKeyRecord(after);
  });
}

export interface ApiKeyHolder {
  id: string;
  scopes: string[];
}

/**
 * The key `presented` used from `ip`: unknown, malformed or a wrong secret → 401 api_key_invalid;
 * revoked → 401 api_key_revoked; expired → 401 api_key_expired (both only once the secret
 * matched, so the public prefix reveals nothing); an allow-list that does not contain `ip` (or an
 * unknown client IP) → 403 api_key_ip_not_allowed. Records the use (LAST_USED_WRITE_INTERVAL_MS).
 */
export async function authenticateApiKey(presented: string, ip: string): Promise<ApiKeyHolder> {
  const match = KEY_PATTERN.exec(presented.trim());
  if (!match) throw new AppError(ApiKeyErrors.api_key_invalid);
  const row = await db.apiKey.findUnique({ where: { prefix: match[1]! } });
  if (!row || !safeEqual(row.keyHash, sha256(match[2]!))) throw new AppError(ApiKeyErrors.api_key_invalid);
  const now = new Date();
  if (row.revokedAt) throw new AppError(ApiKeyErrors.api_key_revoked);
  if (row.expiresAt && row.expiresAt <= now) throw new AppError(ApiKeyErrors.api_key_expired);
  if (row.ipAllowList.length && !ipAllowed(ip, row.ipAllowList)) throw new AppError(ApiKeyErrors.api_key_ip_not_allowed);
  const stale = !row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_WRITE_INTERVAL_MS || row.lastUsedIp !== ip;
  if (stale) await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now, lastUsedIp: ip.slice(0, 64) } });
  return { id: row.id, scopes: row.scopes };
}
