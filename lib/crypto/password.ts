import { hash, verify } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';

// OWASP's argon2id recommendation (19 MiB, 2 iterations, 1 lane). Argon2id is the library's
// default algorithm; the test pins it by checking the encoded hash prefix.
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
/** Encoded-hash prefix of a hash made with the current parameters. */
const CURRENT_HASH_PREFIX = `$argon2id$v=19$m=${ARGON2_OPTIONS.memoryCost},t=${ARGON2_OPTIONS.timeCost},p=${ARGON2_OPTIONS.parallelism}$`;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

// Hashes made elsewhere (bulk import). Costs are bounded: a sign-in verifies with the hash's own
// cost, so an absurd one would turn each attempt into a denial of service.
const BCRYPT_HASH = /^\$2[aby]\$(\d\d)\$[./A-Za-z0-9]{53}$/;
const BCRYPT_MAX_COST = 14;
const ARGON2_HASH = /^\$argon2(?:id|i|d)\$v=(?:16|19)\$m=(\d{1,7}),t=(\d{1,3}),p=(\d{1,3})\$[A-Za-z0-9+/]{8,}\$[A-Za-z0-9+/]{16,}$/;
const ARGON2_MAX = { memoryKiB: 262_144, time: 10, lanes: 16 };

export type PasswordHashAlgorithm = 'argon2id' | 'bcrypt';

/**
 * The algorithm of an existing hash that verifyPassword can check, or null: bcrypt ($2a$, $2b$,
 * $2y$; cost 4–14) or argon2 (argon2id, argon2i, argon2d; up to 256 MiB, 10 passes, 16 lanes).
 * Every argon2 variant is recorded as argon2id: verification reads the variant from the hash.
 */
export function importedHashAlgorithm(passwordHash: string): PasswordHashAlgorithm | null {
  const bcryptMatch = BCRYPT_HASH.exec(passwordHash);
  if (bcryptMatch) {
    const cost = Number(bcryptMatch[1]);
    return cost >= 4 && cost <= BCRYPT_MAX_COST ? 'bcrypt' : null;
  }
  const argonMatch = ARGON2_HASH.exec(passwordHash);
  if (argonMatch) {
    const [memory, time, lanes] = argonMatch.slice(1).map(Number) as [number, number, number];
    const ok = memory >= 8 && memory <= ARGON2_MAX.memoryKiB && time >= 1 && time <= ARGON2_MAX.time && lanes >= 1 && lanes <= ARGON2_MAX.lanes;
    return ok ? 'argon2id' : null;
  }
  return null;
}

export async function verifyPassword(password: string, passwordHash: string): Promise<boolean> {
  try {
    if (BCRYPT_HASH.test(passwordHash)) return await bcrypt.compare(password, passwordHash);
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** True for a hash that is not argon2id with the current parameters (imported bcrypt, argon2i, other costs). */
export function needsRehash(passwordHash: string): boolean {
  return !passwordHash.startsWith(CURRENT_HASH_PREFIX);
}

// Verifying against this when the account does not exist keeps response times alike for known
// and unknown emails, so timing does not reveal which accounts exist.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('tessera-dummy-password');
  await verifyPassword(password, await dummyHash);
}
