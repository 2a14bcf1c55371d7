import { createHash, createPublicKey, type JsonWebKey as NodeJsonWebKey } from 'node:crypto';
import { jwtVerify, createLocalJWKSet } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { signJwt } from '@/lib/oauth/jwt';
import { clearKeyCachesForTesting, ensureSigningKey, getPublicJwks, getSigningKey, rotateSigningKey } from './index';

describe('signing keys', () => {
  it('creates one RS256 key whose kid is the SHA-256 of its SPKI, private key encrypted', async () => {
    const first = await ensureSigningKey();
    const again = await ensureSigningKey();
    expect(again).toEqual({ kid: first.kid, created: false });
    const [jwk] = await getPublicJwks();
    expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: first.kid });
    const spki = createPublicKey({ key: jwk as NodeJsonWebKey, format: 'jwk' }).export({ type: 'spki', format: 'der' });
    expect(createHash('sha256').update(spki).digest('hex')).toBe(first.kid);
    const row = await db.signingKey.findUniqueOrThrow({ where: { kid: first.kid } });
    expect(row.privateKeyEncrypted.startsWith('v1.')).toBe(true);
    expect(row.privateKeyEncrypted).not.toContain('PRIVATE KEY');
  });

  it('rotation signs with the new key at once and keeps the old one published, current first', async () => {
    const { kid: oldKid } = await ensureSigningKey();
    const oldToken = await signJwt({ sub: 'x' }, { type: 'JWT', expiresIn: 60 });
    const rotated = await rotateSigningKey();
    expect(rotated.previousKid).toBe(oldKid);
    const newToken = await signJwt({ sub: 'x' }, { type: 'JWT', expiresIn: 60 });
    const keys = await getPublicJwks();
    expect(keys.map((key) => key.kid)).toEqual([rotated.kid, oldKid]);
    const jwks = createLocalJWKSet({ keys });
    await expect(jwtVerify(oldToken, jwks)).resolves.toBeTruthy();
    const verified = await jwtVerify(newToken, jwks);
    expect(verified.protectedHeader.kid).toBe(rotated.kid);
  });

  it('retires a previous key once every token it signed has expired', async () => {
    const { kid: oldKid } = await ensureSigningKey();
    await rotateSigningKey();
    await db.signingKey.update({ where: { kid: oldKid }, data: { retireAfter: new Date(Date.now() - 1000) } });
    clearKeyCachesForTesting();
    expect((await getPublicJwks()).map((key) => key.kid)).not.toContain(oldKid);
    const next = await rotateSigningKey();
    expect(next.retired).toContain(oldKid);
    expect((await db.signingKey.findUniqueOrThrow({ where: { kid: oldKid } })).status).toBe('retired');
  });

  it('imports the signer once: concurrent callers share the load, a re-check keeps the same key object', async () => {
    await ensureSigningKey();
    clearKeyCachesForTesting();
    const loaded = await Promise.all(Array.from({ length: 5 }, () => getSigningKey()));
    expect(new Set(loaded).size).toBe(1);
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now + 60_000); // past the 30 s re-check
    try {
      expect((await getSigningKey()).privateKey).toBe(loaded[0]!.privateKey);
      const rotated = await rotateSigningKey();
      const after = await getSigningKey();
      expect(after.kid).toBe(rotated.kid);
      expect(after.privateKey).not.toBe(loaded[0]!.privateKey);
    } finally {
      clock.mockRestore();
    }
  });
});
