import { createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey as NodeJsonWebKey, type KeyObject } from 'node:crypto';
import { exportJWK, type JWK } from 'jose';
import { recordAudit, type AuditActor } from '@/lib/audit';
import { config, type SigningAlgorithm } from '@/lib/config';
import { decryptSecret, encryptSecret } from '@/lib/crypto/encryption';
import { sha256Hex } from '@/lib/crypto/tokens';
import { invalidate, onInvalidate } from '@/lib/cache/invalidation';
import { db, transaction, type Tx } from '@/lib/db';

export interface ActiveSigningKey {
  kid: string;
  alg: SigningAlgorithm;
  privateKey: KeyObject;
}

// One current key per algorithm in use: SIGNING_ALGORITHM's (access tokens, and ID tokens by
// default) and any other an app asks for its ID tokens (id_token_signed_response_alg), created the
// first time it is needed. Rotation renews every current key.
//
// Instances share keys through the database. The signer and the JWKS are cached per process; a
// rotation drops both caches on every instance at once (lib/cache/invalidation: NOTIFY), and
// without a listener they are re-read after CACHE_MS / JWKS_CACHE_MS. The previous key stays in
// the JWKS meanwhile, so tokens signed by either key verify.
const CACHE_MS = 30_000;
// Allowance for clocks of resource servers that verify our tokens.
const CLOCK_SKEW_SECONDS = 300;

const signerCache = new Map<SigningAlgorithm, { key: ActiveSigningKey; loadedAt: number }>();
let jwksCache: { keys: JWK[]; loadedAt: number } | undefined;
const JWKS_CACHE_MS = 5_000;

function generatePair(alg: SigningAlgorithm) {
  switch (alg) {
    case 'RS256':
      return generateKeyPairSync('rsa', { modulusLength: 2048 });
    case 'ES256':
      return generateKeyPairSync('ec', { namedCurve: 'P-256' });
    case 'EdDSA':
      return generateKeyPairSync('ed25519');
  }
}

function newKeyPair(alg: SigningAlgorithm) {
  const { publicKey, privateKey } = generatePair(alg);
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return {
    kid: sha256Hex(spki),
    publicKey,
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

async function insertCurrentKey(tx: Tx, alg: SigningAlgorithm) {
  const pair = newKeyPair(alg);
  const jwk = await exportJWK(pair.publicKey);
  return tx.signingKey.create({
    data: {
      kid: pair.kid,
      alg,
      publicJwk: { ...jwk, kid: pair.kid, alg, use: 'sig' },
      privateKeyEncrypted: encryptSecret(pair.privatePem),
      status: 'current',
    },
  });
}

// Serialises key creation across processes starting at the same time.
async function lockKeys(tx: Tx) {
  await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(727001)');
}

/**
 * Creates the current key of `alg` (default SIGNING_ALGORITHM) if there is none. Safe to call from
 * concurrent processes.
 */
export async function ensureSigningKey(alg: SigningAlgorithm = config().signingAlgorithm): Promise<{ kid: string; created: boolean }> {
  const created = await transaction(async (tx) => {
    await lockKeys(tx);
    const existing = await tx.signingKey.findFirst({ where: { status: 'current', alg } });
    if (existing) return { kid: existing.kid, created: false };
    const inserted = await insertCurrentKey(tx, alg);
    return { kid: inserted.kid, created: true };
  });
  if (created.created) jwksCache = undefined;
  return created;
}

function longestTokenLifetime(): number {
  const c = config();
  return Math.max(c.spaAccessTokenExpiresIn, c.idTokenExpiresIn, c.s2sAccessTokenExpiresIn) + CLOCK_SKEW_SECONDS;
}

export interface KeyRotation {
  alg: SigningAlgorithm;
  kid: string;
  previousKid: string | null;
}

/**
 * Starts signing with new keys at once: one for SIGNING_ALGORITHM and one for every other
 * algorithm that has a current key. Each old current key becomes "previous" and stays in the JWKS
 * until every token it signed has expired; previous keys past that point are retired. `kid` and
 * `previousKid` are SIGNING_ALGORITHM's, `rotated` lists every algorithm's. With `options.actor`
 * the rotation is recorded in the audit log in the same transaction.
 */
export async function rotateSigningKey(
  options: { actor?: AuditActor } = {},
): Promise<{ kid: string; previousKid: string | null; retired: string[]; rotated: KeyRotation[] }> {
  const configured = config().signingAlgorithm;
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
    const currents = await tx.signingKey.findMany({ where: { status: 'current' }, select: { kid: true, alg: true } });
    const algorithms = [configured, ...new Set(currents.map((key) => key.alg as SigningAlgorithm).filter((alg) => alg !== configured))];
    const retireAfter = new Date(now.getTime() + longestTokenLifetime() * 1000);
    await tx.signingKey.updateMany({
      where: { kid: { in: currents.map((key) => key.kid) } },
      data: { status: 'previous', rotatedAt: now, retireAfter },
    });
    const rotated: KeyRotation[] = [];
    for (const alg of algorithms) {
      const created = await insertCurrentKey(tx, alg);
      rotated.push({ alg, kid: created.kid, previousKid: currents.find((key) => key.alg === alg)?.kid ?? null });
    }
    const rotation = { kid: rotated[0]!.kid, previousKid: rotated[0]!.previousKid, retired: expired.map((key) => key.kid), rotated };
    if (options.actor) {
      await recordAudit(tx, options.actor, { action: 'signing_key.rotated', targetType: 'signing_key', targetId: rotation.kid, after: rotation });
    }
    return rotation;
  });
  await invalidate('keys');
  return result;
}

/** Every signing key, newest first: public facts only, never private material. */
export function listSigningKeys() {
  return db.signingKey.findMany({
    orderBy: { createdAt: 'desc' },
    select: { kid: true, alg: true, status: true, createdAt: true, rotatedAt: true, retireAfter: true, retiredAt: true },
  });
}

// One reload at a time per algorithm: when the cache period ends under load, concurrent requests share it.
const signerLoads = new Map<SigningAlgorithm, Promise<ActiveSigningKey>>();
// Bumped by rotation, so a reload that started before it cannot cache the old key afterwards.
let signerGeneration = 0;

async function loadSigningKey(alg: SigningAlgorithm): Promise<ActiveSigningKey> {
  const generation = signerGeneration;
  const where = { status: 'current' as const, alg };
  let row = await db.signingKey.findFirst({ where, select: { kid: true, privateKeyEncrypted: true } });
  if (!row) {
    await ensureSigningKey(alg);
    row = await db.signingKey.findFirstOrThrow({ where, select: { kid: true, privateKeyEncrypted: true } });
  }
  // Same key as before: keep the imported KeyObject (and jose's CryptoKey derived from it).
  const cached = signerCache.get(alg);
  const key: ActiveSigningKey =
    cached?.key.kid === row.kid ? cached.key : { kid: row.kid, alg, privateKey: createPrivateKey(decryptSecret(row.privateKeyEncrypted)) };
  if (generation === signerGeneration) signerCache.set(alg, { key, loadedAt: Date.now() });
  return key;
}

/**
 * The key new tokens of `alg` (default SIGNING_ALGORITHM) are signed with: decrypted and imported
 * once, its status re-checked every CACHE_MS; created on first use.
 */
export async function getSigningKey(alg: SigningAlgorithm = config().signingAlgorithm): Promise<ActiveSigningKey> {
  const cached = signerCache.get(alg);
  if (cached && Date.now() - cached.loadedAt < CACHE_MS) return cached.key;
  let load = signerLoads.get(alg);
  if (!load) {
    const started = loadSigningKey(alg).finally(() => {
      if (signerLoads.get(alg) === started) signerLoads.delete(alg);
    });
    signerLoads.set(alg, started);
    load = started;
  }
  return load;
}

/**
 * Public keys that verify live tokens: SIGNING_ALGORITHM's current key first (Melody's SDK takes
 * the first), then the other current keys, then the previous ones, newest first.
 */
export async function getPublicJwks(): Promise<JWK[]> {
  if (jwksCache && Date.now() - jwksCache.loadedAt < JWKS_CACHE_MS) return jwksCache.keys;
  const rows = await db.signingKey.findMany({
    where: {
      OR: [{ status: 'current' }, { status: 'previous', retireAfter: { gt: new Date() } }],
    },
    orderBy: { createdAt: 'desc' },
  });
  const configured = config().signingAlgorithm;
  const rank = (row: (typeof rows)[number]) => (row.status === 'current' ? (row.alg === configured ? 0 : 1) : 2);
  rows.sort((a, b) => rank(a) - rank(b));
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

function clearKeyCaches(): void {
  signerGeneration += 1;
  signerLoads.clear();
  signerCache.clear();
  jwksCache = undefined;
}
onInvalidate('keys', clearKeyCaches);

export function clearKeyCachesForTesting(): void {
  clearKeyCaches();
}
