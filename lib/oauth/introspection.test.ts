import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as introspectPOST } from '@/app/oauth2/v1/introspect/route';
import { overrideConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { getSigningKey } from '@/lib/keys';
import { issueUserTokens, makeS2sApp, makeSpaApp, makeUser } from '@/lib/testing/factories';
import { ACCESS_TOKEN_TYPE, signJwt } from './jwt';
import { handleTokenRequest } from './token-endpoint';

const ISSUER = 'http://localhost:3999';

beforeAll(() => overrideConfigForTesting({ enableUserAppConsent: false }));

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

function introspect(fields: Record<string, string>, authorization?: string) {
  return introspectPOST(
    new NextRequest(`${ISSUER}/oauth2/v1/introspect`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(authorization ? { authorization } : {}) },
      body: new URLSearchParams(fields).toString(),
    }),
  );
}

/** An authenticated S2S caller (a resource server). */
async function resourceServer() {
  const s2s = await makeS2sApp(['read_user'], { allowIntrospection: true });
  const auth = basic(s2s.clientId, s2s.clientSecret);
  return {
    s2s,
    async check(token: string) {
      const response = await introspect({ token }, auth);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      return (await response.json()) as Record<string, unknown>;
    },
  };
}

async function signedIn() {
  const app = await makeSpaApp();
  const user = await makeUser();
  const { tokens } = await issueUserTokens(app, user);
  return { app, user, tokens };
}

const refresh = (refreshToken: string) => handleTokenRequest(new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }), null);

describe('POST /oauth2/v1/introspect: access tokens', () => {
  it('describes a valid user access token (RFC 7662 §2.2)', async () => {
    const rs = await resourceServer();
    const { app, user, tokens } = await signedIn();
    const result = await rs.check(tokens.access_token);
    expect(result).toMatchObject({
      active: true,
      token_type: 'Bearer',
      scope: 'openid profile offline_access',
      client_id: app.clientId,
      sub: user.id,
      iss: ISSUER,
      aud: app.clientId,
      roles: [],
    });
    expect(result.exp).toBe(tokens.expires_on);
    expect(result.iat).toBe(tokens.not_before);
    expect(typeof result.jti).toBe('string');
  });

  it('describes a client-credentials token, whose subject is the client', async () => {
    const rs = await resourceServer();
    const other = await makeS2sApp(['read_user']);
    const s2sToken = await handleTokenRequest(new URLSearchParams({ grant_type: 'client_credentials' }), basic(other.clientId, other.clientSecret));
    expect(await rs.check(s2sToken.access_token)).toMatchObject({ active: true, sub: other.clientId, client_id: other.clientId, scope: 'read_user' });
  });

  it('answers exactly { active: false } for expired, forged and malformed access tokens', async () => {
    const rs = await resourceServer();
    const { app, user } = await signedIn();
    const claims = { sub: user.id, aud: app.clientId, azp: app.clientId, client_id: app.clientId, scope: 'openid' };
    const expired = await signJwt(claims, { type: ACCESS_TOKEN_TYPE, expiresIn: 60, now: Math.floor(Date.now() / 1000) - 3600 });
    const { kid } = await getSigningKey();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: ACCESS_TOKEN_TYPE, kid })
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
    for (const token of [expired, forged, 'a.b.c']) expect(await rs.check(token)).toEqual({ active: false });
  });

  it('reports a token inactive once its user or its app is deactivated', async () => {
    const rs = await resourceServer();
    const first = await signedIn();
    await db.user.update({ where: { id: first.user.id }, data: { isActive: false } });
    expect(await rs.check(first.tokens.access_token)).toEqual({ active: false });
    const second = await signedIn();
    await db.app.update({ where: { clientId: second.app.clientId }, data: { isActive: false } });
    expect(await rs.check(second.tokens.access_token)).toEqual({ active: false });
  });
});

describe('POST /oauth2/v1/introspect: refresh tokens', () => {
  it('describes a live refresh token, typed so it cannot pass for an access token', async () => {
    const rs = await resourceServer();
    const { app, user, tokens } = await signedIn();
    const result = await rs.check(tokens.refresh_token!);
    expect(result).toMatchObject({ active: true, token_type: 'refresh_token', client_id: app.clientId, sub: user.id, iss: ISSUER, scope: 'openid profile offline_access' });
    expect(result.exp).toBe(tokens.refresh_token_expires_on);
  });

  it('reports rotated, revoked and expired refresh tokens inactive', async () => {
    const rs = await resourceServer();
    const { tokens } = await signedIn();
    const successor = await refresh(tokens.refresh_token!);
    expect(await rs.check(tokens.refresh_token!)).toEqual({ active: false });
    expect(await rs.check(successor.refresh_token!)).toMatchObject({ active: true });

    await db.refreshToken.updateMany({ where: { revokedAt: null, rotatedAt: null }, data: { revokedAt: new Date() } });
    expect(await rs.check(successor.refresh_token!)).toEqual({ active: false });

    const other = await signedIn();
    await db.refreshToken.updateMany({ where: { revokedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await rs.check(other.tokens.refresh_token!)).toEqual({ active: false });
  });

  it('reports a refresh token inactive once its user is deactivated, and unknown strings inactive', async () => {
    const rs = await resourceServer();
    const { user, tokens } = await signedIn();
    await db.user.update({ where: { id: user.id }, data: { isActive: false } });
    expect(await rs.check(tokens.refresh_token!)).toEqual({ active: false });
    expect(await rs.check('no-such-token')).toEqual({ active: false });
  });
});

describe('POST /oauth2/v1/introspect: callers', () => {
  it('issue 12 item 8: an S2S app that is neither root nor flagged allowIntrospection cannot introspect someone’s token (was 200 active)', async () => {
    const { tokens } = await signedIn();
    const plain = await makeS2sApp(['read_user', 'write_user']);
    const refused = await introspect({ token: tokens.access_token }, basic(plain.clientId, plain.clientSecret));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: 'unauthorized_client' });
    const refusedRefresh = await introspect({ token: tokens.refresh_token! }, basic(plain.clientId, plain.clientSecret));
    expect(refusedRefresh.status).toBe(400);

    const root = await makeS2sApp(['root']);
    const asRoot = await introspect({ token: tokens.access_token }, basic(root.clientId, root.clientSecret));
    expect(await asRoot.json()).toMatchObject({ active: true });
    const flagged = await makeS2sApp([], { allowIntrospection: true });
    const asFlagged = await introspect({ token: tokens.access_token }, basic(flagged.clientId, flagged.clientSecret));
    expect(await asFlagged.json()).toMatchObject({ active: true });
  });

  it('refuses callers that are not authenticated S2S clients with 401 invalid_client', async () => {
    const { app, tokens } = await signedIn();
    const s2s = await makeS2sApp();
    const callers: Array<[Record<string, string>, string | undefined]> = [
      [{}, undefined],
      [{ client_id: app.clientId }, undefined],
      [{}, basic(app.clientId, '')],
      [{}, basic(app.clientId, 'no-such-client')],
      [{}, basic(s2s.clientId, 'wrong')],
      [{ client_id: s2s.clientId }, undefined],
    ];
    for (const [fields, authorization] of callers) {
      const response = await introspect({ token: tokens.access_token, ...fields }, authorization);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic/);
      expect(((await response.json()) as { error: string }).error).toBe('invalid_client');
    }
  });

  it('accepts client_secret_post and requires the token parameter', async () => {
    const s2s = await makeS2sApp(['read_user'], { allowIntrospection: true });
    const { tokens } = await signedIn();
    const viaPost = await introspect({ token: tokens.access_token, client_id: s2s.clientId, client_secret: s2s.clientSecret });
    expect(((await viaPost.json()) as { active: boolean }).active).toBe(true);
    const missing = await introspect({}, basic(s2s.clientId, s2s.clientSecret));
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: string }).error).toBe('invalid_request');
  });
});
