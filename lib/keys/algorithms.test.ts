import { createHash } from 'node:crypto';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, SignJWT, type JWK } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { overrideConfigForTesting, resetConfigForTesting, SIGNING_ALGORITHMS, type SigningAlgorithm } from '@/lib/config';
import { callApi, s2sToken } from '@/lib/api/testing';
import { createAppRoute, updateAppRoute } from '@/lib/api/routes/apps';
import { discoveryDocument } from '@/lib/oauth/discovery';
import { signJwt, verifyAccessToken } from '@/lib/oauth/jwt';
import { getUserInfo } from '@/lib/oauth/userinfo';
import { ensureSeeded, issueUserTokens, makeUser } from '@/lib/testing/factories';
import { clearKeyCachesForTesting, getPublicJwks, rotateSigningKey } from './index';

// SIGNING_ALGORITHM (RS256, ES256, EdDSA), one current key per algorithm in use, rotation of each,
// and an app's id_token_signed_response_alg.

const KEY_SHAPES: Record<SigningAlgorithm, Partial<JWK>> = {
  RS256: { kty: 'RSA' },
  ES256: { kty: 'EC', crv: 'P-256' },
  EdDSA: { kty: 'OKP', crv: 'Ed25519' },
};

function configureAlgorithm(alg: SigningAlgorithm) {
  overrideConfigForTesting({ signingAlgorithm: alg });
  clearKeyCachesForTesting();
}

afterEach(() => {
  resetConfigForTesting();
  clearKeyCachesForTesting();
});

const verifyWithJwks = async (token: string) => jwtVerify(token, createLocalJWKSet({ keys: await getPublicJwks() }));

describe('signing algorithms', () => {
  for (const alg of SIGNING_ALGORITHMS) {
    it(`${alg}: signs with a key of its own, published first in the JWKS; rotation keeps the old key published`, async () => {
      configureAlgorithm(alg);
      const before = await signJwt({ sub: 'x' }, { type: 'JWT', expiresIn: 60 });
      const [first] = await getPublicJwks();
      expect(first).toMatchObject({ ...KEY_SHAPES[alg], alg, use: 'sig', kid: decodeProtectedHeader(before).kid });
      expect(first).not.toHaveProperty('d');
      expect((await verifyWithJwks(before)).protectedHeader.alg).toBe(alg);

      const rotation = await rotateSigningKey();
      expect(rotation.rotated.find((entry) => entry.alg === alg)).toMatchObject({ kid: rotation.kid, previousKid: first!.kid });
      const after = await signJwt({ sub: 'x' }, { type: 'JWT', expiresIn: 60 });
      expect(decodeProtectedHeader(after)).toMatchObject({ alg, kid: rotation.kid });
      const kids = (await getPublicJwks()).map((key) => key.kid);
      expect(kids[0]).toBe(rotation.kid);
      expect(kids).toContain(first!.kid);
      // tokens of the previous key and of the new one both verify against the published set
      await expect(verifyWithJwks(before)).resolves.toBeTruthy();
      await expect(verifyWithJwks(after)).resolves.toBeTruthy();
    });
  }

  it('rotation renews the current key of every algorithm in use', async () => {
    configureAlgorithm('ES256');
    await signJwt({ sub: 'x' }, { type: 'JWT', expiresIn: 60 });
    await signJwt({ sub: 'x' }, { type: 'JWT', expiresIn: 60, alg: 'EdDSA' });
    const rotation = await rotateSigningKey();
    expect(rotation.rotated[0]!.alg).toBe('ES256');
    expect(rotation.rotated.map((entry) => entry.alg)).toEqual(expect.arrayContaining(['ES256', 'EdDSA']));
    for (const entry of rotation.rotated) expect(entry.previousKid).not.toBeNull();
  });

  it('verifies our access tokens of every algorithm, and refuses one signed by a key that is not ours', async () => {
    for (const alg of SIGNING_ALGORITHMS) {
      configureAlgorithm(alg);
      const token = await signJwt({ sub: 'client', azp: 'client', client_id: 'client', scope: 'read_user' }, { type: 'at+jwt', expiresIn: 60 });
      await expect(verifyAccessToken(token)).resolves.toMatchObject({ sub: 'client' });
    }
    // the attack: a token whose header names our current kid but signed with a secret of the attacker's (HS256)
    const [ours] = await getPublicJwks();
    const forged = await new SignJWT({ sub: 'client', azp: 'client', scope: 'read_user' })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: ours!.kid })
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(new TextEncoder().encode('attacker-chosen-secret-attacker-chosen'));
    await expect(verifyAccessToken(forged)).rejects.toMatchObject({ code: 'invalid_token' });
  });

  it('discovery lists every algorithm an ID token may be signed with, SIGNING_ALGORITHM first', () => {
    configureAlgorithm('EdDSA');
    expect(discoveryDocument().id_token_signing_alg_values_supported).toEqual(['EdDSA', 'RS256', 'ES256']);
  });
});

describe("an app's id_token_signed_response_alg", () => {
  const atHash = (token: string, hash: 'sha256' | 'sha512') => {
    const digest = createHash(hash).update(token).digest();
    return digest.subarray(0, digest.length / 2).toString('base64url');
  };

  it('signs that app’s ID tokens with its algorithm (at_hash with its hash), access tokens with SIGNING_ALGORITHM', async () => {
    await ensureSeeded();
    configureAlgorithm('RS256');
    const token = await s2sToken(['write_app']);
    const user = await makeUser();
    for (const [alg, hash] of [['ES256', 'sha256'], ['EdDSA', 'sha512']] as const) {
      const redirectUri = `https://alg-${alg.toLowerCase()}.example.test/cb`;
      const created = await callApi(createAppRoute, { token, body: { name: `ID ${alg}`, type: 'spa', redirectUris: [redirectUri], skipConsent: true, idTokenSignedResponseAlg: alg } });
      expect(created.status).toBe(201);
      expect(created.body.app.idTokenSignedResponseAlg).toBe(alg);
      const { tokens } = await issueUserTokens({ clientId: created.body.app.clientId, redirectUri }, user);
      const idToken = await verifyWithJwks(tokens.id_token!);
      expect(idToken.protectedHeader.alg).toBe(alg);
      expect(idToken.payload.at_hash).toBe(atHash(tokens.access_token, hash));
      expect((await verifyWithJwks(tokens.access_token)).protectedHeader.alg).toBe('RS256');
      await expect(getUserInfo(tokens.access_token)).resolves.toMatchObject({ sub: user.id });
    }
  });

  it('is set and cleared through the S2S API; algorithms we do not sign with are refused', async () => {
    await ensureSeeded();
    const token = await s2sToken(['write_app']);
    const created = await callApi(createAppRoute, { token, body: { name: 'Alg', type: 'spa', redirectUris: ['https://alg.example.test/cb'] } });
    expect(created.body.app.idTokenSignedResponseAlg).toBeNull();
    const id = created.body.app.id as string;
    const set = await callApi(updateAppRoute, { token, params: { id }, body: { idTokenSignedResponseAlg: 'EdDSA' } });
    expect(set.body.app.idTokenSignedResponseAlg).toBe('EdDSA');
    for (const refused of ['HS256', 'none', 'RS512']) {
      const answer = await callApi(updateAppRoute, { token, params: { id }, body: { idTokenSignedResponseAlg: refused } });
      expect(answer.status).toBe(400);
    }
    const cleared = await callApi(updateAppRoute, { token, params: { id }, body: { idTokenSignedResponseAlg: null } });
    expect(cleared.body.app.idTokenSignedResponseAlg).toBeNull();
  });
});
