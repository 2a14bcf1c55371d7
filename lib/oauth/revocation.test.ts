import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as revokePOST } from '@/app/oauth2/v1/revoke/route';
import { overrideConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { issueUserTokens, makeS2sApp, makeSpaApp, makeUser } from '@/lib/testing/factories';
import { ACCESS_TOKEN_TYPE, signJwt } from './jwt';
import { handleTokenRequest } from './token-endpoint';

const ISSUER = 'http://localhost:3999';

beforeAll(() => overrideConfigForTesting({ enableUserAppConsent: false }));

function revoke(fields: Record<string, string>, authorization?: string) {
  return revokePOST(
    new NextRequest(`${ISSUER}/oauth2/v1/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(authorization ? { authorization } : {}) },
      body: new URLSearchParams(fields).toString(),
    }),
  );
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
const refresh = (refreshToken: string) => handleTokenRequest(new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }), null);

async function expectOk(response: Response) {
  expect(response.status).toBe(200);
  expect(await response.text()).toBe('');
  expect(response.headers.get('cache-control')).toBe('no-store');
}

async function expectError(response: Response, status: number, error: string) {
  expect(response.status).toBe(status);
  expect(((await response.json()) as { error: string }).error).toBe(error);
}

async function signedIn(app?: Awaited<ReturnType<typeof makeSpaApp>>) {
  const spa = app ?? (await makeSpaApp());
  const user = await makeUser();
  const { tokens } = await issueUserTokens(spa, user);
  return { app: spa, user, tokens };
}

describe('POST /oauth2/v1/revoke: refresh tokens', () => {
  it('revokes a public client’s refresh token (client_id in the form): refreshing then fails', async () => {
    const { app, tokens } = await signedIn();
    await expectOk(await revoke({ token: tokens.refresh_token!, client_id: app.clientId }));
    await expect(refresh(tokens.refresh_token!)).rejects.toMatchObject({ code: 'invalid_grant' });
  });

  it('accepts Melody’s SDK call: Basic with the client_id and an empty password, token_type_hint=refresh_token', async () => {
    const { app, tokens } = await signedIn();
    await expectOk(await revoke({ token: tokens.refresh_token!, token_type_hint: 'refresh_token' }, basic(app.clientId, '')));
    await expect(refresh(tokens.refresh_token!)).rejects.toMatchObject({ code: 'invalid_grant' });
  });

  it('revokes the whole rotation family: presenting an older copy also stops its live successor', async () => {
    const { app, tokens } = await signedIn();
    const successor = await refresh(tokens.refresh_token!);
    await expectOk(await revoke({ token: tokens.refresh_token!, client_id: app.clientId }));
    await expect(refresh(successor.refresh_token!)).rejects.toMatchObject({ code: 'invalid_grant' });
    const row = await db.refreshToken.findFirstOrThrow({ where: { parentId: { not: null }, app: { clientId: app.clientId } } });
    expect(row.revokedReason).toBe('revoked');
  });

  it('revokes the refresh token of an app without rotation (Melody SDK mode)', async () => {
    const app = await makeSpaApp();
    await db.app.update({ where: { clientId: app.clientId }, data: { rotateRefreshTokens: false } });
    const { tokens } = await signedIn(app);
    await refresh(tokens.refresh_token!);
    await expectOk(await revoke({ token: tokens.refresh_token!, client_id: app.clientId }));
    await expect(refresh(tokens.refresh_token!)).rejects.toMatchObject({ code: 'invalid_grant' });
  });

  it('answers 200 for another client’s token and leaves it working (RFC 7009 §2.2: no oracle)', async () => {
    const { tokens } = await signedIn();
    const other = await makeSpaApp();
    await expectOk(await revoke({ token: tokens.refresh_token!, client_id: other.clientId }));
    await expect(refresh(tokens.refresh_token!)).resolves.toMatchObject({ token_type: 'Bearer' });
  });

  it('answers 200 for unknown, garbage and already revoked tokens', async () => {
    const { app, tokens } = await signedIn();
    for (const token of ['unknown-token', 'x'.repeat(4000), 'a.b.c']) await expectOk(await revoke({ token, client_id: app.clientId }));
    await expectOk(await revoke({ token: tokens.refresh_token!, client_id: app.clientId }));
    await expectOk(await revoke({ token: tokens.refresh_token!, client_id: app.clientId }));
  });

  it('ignores token_type_hint: a wrong or unknown hint still finds the refresh token', async () => {
    const { app, tokens } = await signedIn();
    await expectOk(await revoke({ token: tokens.refresh_token!, client_id: app.clientId, token_type_hint: 'access_token' }));
    await expect(refresh(tokens.refresh_token!)).rejects.toMatchObject({ code: 'invalid_grant' });
    const second = await signedIn();
    await expectOk(await revoke({ token: second.tokens.refresh_token!, client_id: second.app.clientId, token_type_hint: 'something_else' }));
    await expect(refresh(second.tokens.refresh_token!)).rejects.toMatchObject({ code: 'invalid_grant' });
  });
});

describe('POST /oauth2/v1/revoke: access tokens', () => {
  it('refuses to "revoke" the caller’s live access token with unsupported_token_type (RFC 7009 §2.2.1)', async () => {
    const { app, tokens } = await signedIn();
    await expectError(await revoke({ token: tokens.access_token, client_id: app.clientId }), 400, 'unsupported_token_type');
    await expectError(await revoke({ token: tokens.access_token, client_id: app.clientId, token_type_hint: 'refresh_token' }), 400, 'unsupported_token_type');
  });

  it('answers 200 for an expired access token and for another client’s access token', async () => {
    const { app, user, tokens } = await signedIn();
    const now = Math.floor(Date.now() / 1000);
    const expired = await signJwt(
      { sub: user.id, aud: app.clientId, azp: app.clientId, client_id: app.clientId, scope: 'openid' },
      { type: ACCESS_TOKEN_TYPE, expiresIn: 60, now: now - 3600 },
    );
    await expectOk(await revoke({ token: expired, client_id: app.clientId }));
    const other = await makeSpaApp();
    await expectOk(await revoke({ token: tokens.access_token, client_id: other.clientId }));
  });
});

describe('POST /oauth2/v1/revoke: client authentication', () => {
  it('requires a confidential client to authenticate', async () => {
    const s2s = await makeS2sApp();
    const { tokens } = await signedIn();
    await expectError(await revoke({ token: tokens.refresh_token!, client_id: s2s.clientId }), 401, 'invalid_client');
    await expectError(await revoke({ token: tokens.refresh_token! }, basic(s2s.clientId, '')), 401, 'invalid_client');
    await expectError(await revoke({ token: tokens.refresh_token! }, basic(s2s.clientId, 'wrong')), 401, 'invalid_client');
    await expectOk(await revoke({ token: 'unknown' }, basic(s2s.clientId, s2s.clientSecret)));
    await expectOk(await revoke({ token: 'unknown', client_id: s2s.clientId, client_secret: s2s.clientSecret }));
  });

  it('refuses a missing, unknown or inactive client with 401 and a Basic challenge, revoking nothing', async () => {
    const { app, tokens } = await signedIn();
    const missing = await revoke({ token: tokens.refresh_token! });
    await expectError(missing, 401, 'invalid_client');
    expect(missing.headers.get('www-authenticate')).toMatch(/^Basic/);
    await expectError(await revoke({ token: tokens.refresh_token!, client_id: 'no-such-client' }), 401, 'invalid_client');
    await db.app.update({ where: { clientId: app.clientId }, data: { isActive: false } });
    await expectError(await revoke({ token: tokens.refresh_token!, client_id: app.clientId }), 401, 'invalid_client');
    await db.app.update({ where: { clientId: app.clientId }, data: { isActive: true } });
    await expect(refresh(tokens.refresh_token!)).resolves.toMatchObject({ token_type: 'Bearer' });
  });

  it('refuses a SPA presenting a secret (it has none), even the placeholder compared for unknown clients', async () => {
    const { app, tokens } = await signedIn();
    for (const secret of ['anything', 'no-such-client']) {
      await expectError(await revoke({ token: tokens.refresh_token! }, basic(app.clientId, secret)), 401, 'invalid_client');
    }
    await expect(refresh(tokens.refresh_token!)).resolves.toMatchObject({ token_type: 'Bearer' });
  });

  it('refuses a form client_id that differs from the Basic one, a missing token and repeated parameters', async () => {
    const { app, tokens } = await signedIn();
    const other = await makeSpaApp();
    await expectError(await revoke({ token: tokens.refresh_token!, client_id: other.clientId }, basic(app.clientId, '')), 400, 'invalid_request');
    await expectError(await revoke({ client_id: app.clientId }), 400, 'invalid_request');
    const repeated = await revokePOST(
      new NextRequest(`${ISSUER}/oauth2/v1/revoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `client_id=${app.clientId}&token=a&token=b`,
      }),
    );
    await expectError(repeated, 400, 'invalid_request');
  });
});
