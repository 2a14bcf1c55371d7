import { createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey as NodeJsonWebKey, type KeyObject } from 'node:crypto';
import { exportJWK, type JWK } from 'jose';
import { recordAudit, type AuditActor } from '@/lib/audit';
import { config } from '@/lib/config';
import { decryptSecret, encryptSecret } from '@/lib/crypto/encryption';
import { sha256Hex } from '@/lib/crypto/tokens';
import { db, transaction, type Tx } from '@/lib/db';

export interface ActiveSigningKey {
  kid: string;
  alg: 'RS256';
  privateKey: KeyObject;
}

// Instances share keys through the database. The signer is cached per process and re-read
// after CACHE_MS, so a rotation on another instance is picked up quickly; the previous key
// stays in the JWKS meanwhile, so tokens signed by either key verify.
const CACHE_MS = 30_000;
// Allowance for clocks of resource servers that verify our tokens.
const CLOCK_SKEW_SECONDS = 300;

let signerCache: { key: ActiveSigningKey; loadedAt: number } | undefined;
let jwksCache: { keys: JWK[]; loadedAt: number } | undefined;
const JWKS_CACHE_MS = 5_000;

function newKeyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return {
    kid: sha256Hex(spki),
    publicKey,
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

async function insertCurrentKey(tx: Tx) {
  const pair = newKeyPair();
  const jwk = await exportJWK(pair.publicKey);
  return tx.signingKey.create({
    data: {
      kid: pair.kid,
      alg: 'RS256',
      publicJwk: { ...jwk, kid: pair.kid, alg: 'RS256', use: 'sig' },
      privateKeyEncrypted: encryptSecret(pair.privatePem),
      status: 'current',
    },
  });
}

// Serialises key creation across processes starting at the same time.
async function lockKeys(tx: Tx) {
  await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(727001)');
}

/** Creates the first signing key if none exists. Safe to call from concurrent processes. */
export async function ensureSigningKey(): Promise<{ kid: string; created: boolean }> {
  return transaction(async (tx) => {
    await lockKeys(tx);
    const existing = await tx.signingKey.findFirst({ where: { status: 'current' } });
    if (existing) return { kid: existing.kid, created: false };
    const created = await insertCurrentKey(tx);
    return { kid: created.kid, created: true };
  });
}

function longestTokenLifetime(): number {
  const c = config();
  return Math.max(c.spaAccessTokenExpiresIn, c.idTokenExpiresIn, c.s2sAccessTokenExpiresIn) + CLOCK_SKEW_SECONDS;
}

/**
 * Starts signing with a new key at once. The old current key becomes "previous" and stays in
 * the JWKS until every token it signed has expired; previous keys past that point are retired.
 * With `options.actor` the rotation is recorded in the audit log in the same transaction.
 */
export async function rotateSigningKey(
  options: { actor?: AuditActor } = {},
): Promise<{ kid: string; previousKid: string | null; retired: string[] }> {
  const result = await transaction(async (tx) => {
    await lockKeys(tx);
    const now = new Date();
    const expired = await tx.signingKey.findMany({
      where: { status: 'previous', retireAfter: { lte: now } },
      select: { kid: true },
    });
    await tx.signingKey.updateMany({
      where: { kid: { in: expired.map((key) => key.kid) } },
      data: { status: 'retired', retiredAt: now },
    });
    const old = await tx.signingKey.findFirst({ where: { status: 'current' } });
    if (old) {
      await tx.signingKey.update({
        where: { kid: old.kid },
        data: { status: 'previous', rotatedAt: now, retireAfter: new Date(now.getTime() + longestTokenLifetime() * 1000) },
      });
    }
    const created = await insertCurrentKey(tx);
    const rotation = { kid: created.kid, previousKid: old?.kid ?? null, retired: expired.map((key) => key.kid) };
    if (options.actor) {
      await recordAudit(tx, options.actor, { action: 'signing_key.rotated', targetType: 'signing_key', targetId: created.kid, after: rotation });
    }
    return rotation;
  });
  signerGeneration += 1;
  signerLoad = undefined;
  signerCache = undefined;
  jwksCache = undefined;
  return result;
}

/** Every signing key, newest first: public facts only, never private material. */
export function listSigningKeys() {
  return db.signingKey.findMany({
    orderBy: { createdAt: 'desc' },
    select: { kid: true, alg: true, status: true, createdAt: true, rotatedAt: true, retireAfter: true, retiredAt: true },
  });
}

// One reload at a time: when the cache period ends under load, concurrent requests share it.
let signerLoad: Promise<ActiveSigningKey> | undefined;
// Bumped by rotation, so a reload that started before it cannot cache the old key afterwards.
let signerGeneration = 0;

async function loadSigningKey(): Promise<ActiveSigningKey> {
  const generation = signerGeneration;
  let row = await db.signingKey.findFirst({ where: { status: 'current' }, select: { kid: true, privateKeyEncrypted: true } });
  if (!row) {
    await ensureSigningKey();
    row = await db.signingKey.findFirstOrThrow({ where: { status: 'current' }, select: { kid: true, privateKeyEncrypted: true } });
  }
  // Same key as before: keep the imported KeyObject (and jose's CryptoKey derived from it).
  const key: ActiveSigningKey =
    signerCache?.key.kid === row.kid
      ? signerCache.key
      : { kid: row.kid, alg: 'RS256', privateKey: createPrivateKey(decryptSecret(row.privateKeyEncrypted)) };
  if (generation === signerGeneration) signerCache = { key, loadedAt: Date.now() };
  return key;
}

/** The key new tokens are signed with: decrypted and imported once, its status re-checked every CACHE_MS. */
export async function getSigningKey(): Promise<ActiveSigningKey> {
  if (signerCache && Date.now() - signerCache.loadedAt < CACHE_MS) return signerCache.key;
  if (!signerLoad) {
    const load = loadSigningKey().finally(() => {
      if (signerLoad === load) signerLoad = undefined;
    });
    signerLoad = load;
  }
  return signerLoad;
}

/** Public keys that verify live tokens, current key first (Melody's SDK takes the first). */
export async function getPublicJwks(): Promise<JWK[]> {
  if (jwksCache && Date.now() - jwksCache.loadedAt < JWKS_CACHE_MS) return jwksCache.keys;
  const rows = await db.signingKey.findMany({
    where: {
      OR: [{ status: 'current' }, { status: 'previous', retireAfter: { gt: new Date() } }],
    },
    orderBy: { createdAt: 'desc' },
  });
  rows.sort((a, b) => (a.status === 'current' ? -1 : b.status === 'current' ? 1 : 0));
  const keys = rows.map((row) => row.publicJwk as JWK);
  jwksCache = { keys, loadedAt: Date.now() };
  return keys;
}

// Imported public keys by kid. A kid is the SHA-256 of the key, so an entry never goes stale; whether
// the key may still verify is decided by the JWKS lookup on every call.
const verificationKeys = new Map<string, KeyObject>();

/** Verification key by kid, for tokens this server issued (imported once per process). */
export async function getVerificationKey(kid: string): Promise<KeyObject | undefined> {
  const jwk = (await getPublicJwks()).find((key) => key.kid === kid);
  if (!jwk) return undefined;
  let key = verificationKeys.get(kid);
  if (!key) {
    key = createPublicKey({ key: jwk as NodeJsonWebKey, format: 'jwk' });
    if (verificationKeys.size >= 16) verificationKeys.clear();
    verificationKeys.set(kid, key);
  }
  return key;
}

export function clearKeyCachesForTesting(): void {
  signerGeneration += 1;
  signerLoad = undefined;
  signerCache = undefined;
  jwksCache = undefined;
}
