import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret } from './encryption';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password';
import { randomDigits, randomToken, safeEqual, sha256 } from './tokens';

const SECRET = 'a'.repeat(64);

describe('encryption', () => {
  it('round-trips and uses a fresh IV each time', () => {
    const first = encryptSecret('totp-secret', SECRET);
    const second = encryptSecret('totp-secret', SECRET);
    expect(first).not.toEqual(second);
    expect(decryptSecret(first, SECRET)).toBe('totp-secret');
  });

  it('refuses a tampered value or the wrong key', () => {
    const sealed = encryptSecret('value', SECRET);
    const parts = sealed.split('.');
    parts[2] = Buffer.from('other').toString('base64url');
    expect(() => decryptSecret(parts.join('.'), SECRET)).toThrow();
    expect(() => decryptSecret(sealed, 'b'.repeat(64))).toThrow();
  });
});

describe('passwords', () => {
  it('hashes with argon2id and verifies', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('wrong horse', stored)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
    await expect(burnPasswordCheck('anything')).resolves.toBeUndefined();
  });
});

describe('tokens', () => {
  it('makes URL-safe random tokens and stable hashes', () => {
    const token = randomToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(token);
    expect(sha256('abc')).toBe(sha256('abc'));
    expect(sha256('abc')).not.toBe(sha256('abd'));
  });

  it('compares in constant time without length leaks', () => {
    expect(safeEqual('secret', 'secret')).toBe(true);
    expect(safeEqual('secret', 'secreT')).toBe(false);
    expect(safeEqual('secret', 'secret-longer')).toBe(false);
  });

  it('draws digit codes of the requested length', () => {
    expect(randomDigits(6)).toMatch(/^\d{6}$/);
  });
});

describe('issue 12 item 15: AES-GCM tags', () => {
  it('issue 12 item 15: a sealed value with a truncated tag is refused, even the genuine tag cut short', () => {
    const SECRET_KEY = 'c'.repeat(64);
    const sealed = encryptSecret('signing-key', SECRET_KEY);
    const [version, iv, ciphertext, tag] = sealed.split('.') as [string, string, string, string];
    const full = Buffer.from(tag, 'base64url');
    expect(full.length).toBe(16);
    for (const length of [4, 8, 12, 15]) {
      const truncated = [version, iv, ciphertext, full.subarray(0, length).toString('base64url')].join('.');
      expect(() => decryptSecret(truncated, SECRET_KEY), `${length}-byte tag`).toThrow();
    }
    expect(decryptSecret(sealed, SECRET_KEY)).toBe('signing-key');
  });
});
