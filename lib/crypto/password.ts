import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id recommendation (19 MiB, 2 iterations, 1 lane). Argon2id is the library's
// default algorithm; the test pins it by checking the encoded hash prefix.
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(password: string, passwordHash: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the account does not exist keeps response times alike for known
// and unknown emails, so timing does not reveal which accounts exist.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('tessera-dummy-password');
  await verifyPassword(password, await dummyHash);
}
