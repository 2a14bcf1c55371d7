import { beforeAll, describe, expect, it } from 'vitest';
import { overrideConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { signInWithPassword } from '@/lib/identity/sign-in';
import { browserContext } from '@/lib/sign-in/hosted';
import { startAuthorization } from '@/lib/sign-in/start';
import { REQUEST_COOKIE_PREFIX } from '@/lib/flow';
import { authorizeParams, makePkce, makeS2sApp, makeSpaApp, makeUser } from '@/lib/testing/factories';
import { verifyAccessToken } from './jwt';
import { handleTokenRequest } from './token-endpoint';

beforeAll(() => overrideConfigForTesting({ enableUserAppConsent: false }));

async function tokensFor(app: Awaited<ReturnType<typeof makeSpaApp>>) {
  const user = await makeUser();
  const pkce = makePkce();
  const started = await startAuthorization(authorizeParams(app, pkce), {});
  const requestId = new URL(started.location).searchParams.get('request')!;
  const bindingSecret = started.cookies.find((cookie) => cookie.name.startsWith(REQUEST_COOKIE_PREFIX))!.value;
  const done = await signInWithPassword(browserContext({ requestId, bindingSecret }), { email: user.email!, password: user.password });
  const code = new URL(done.location).searchParams.get('code')!;
  const tokens = await handleTokenRequest(new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: pkce.verifier }), null);
  return { user, tokens };
}

const refresh = (refreshToken: string, extra: Record<string, string> = {}) =>
  handleTokenRequest(new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, ...extra }), null);

describe('refresh_token grant', () => {
  it('rotates: each refresh token works once and the successor works', async () => {
    const app = await makeSpaApp();
    const { tokens } = await tokensFor(app);
    const second = await refresh(tokens.refresh_token!);
    expect(second.refresh_token).toBeTruthy();
    expect(second.refresh_token).not.toBe(tokens.refresh_token);
    expect(second.id_token).toBeTruthy();
    const third = await refresh(second.refresh_token!);
    expect(third.access_token).toBeTruthy();
  });

  it('reuse of a rotated token revokes the whole family', async () => {
    const app = await makeSpaApp();
    const { tokens, user } = await tokensFor(app);
    const second = await refresh(tokens.refresh_token!);
    await expect(refresh(tokens.refresh_token!)).rejects.toMatchObject({ code: 'invalid_grant' });
    await expect(refresh(second.refresh_token!)).rejects.toMatchObject({ code: 'invalid_grant' });
    const live = await db.refreshToken.count({ where: { userId: user.id, revokedAt: null } });
    expect(live).toBe(0);
  });

  it('keeps the same refresh token when the app turns rotation off (Melody SDK mode)', async () => {
    const app = await makeSpaApp();
    await db.app.update({ where: { clientId: app.clientId }, data: { rotateRefreshTokens: false } });
    const { tokens } = await tokensFor(app);
    const first = await refresh(tokens.refresh_token!);
    const second = await refresh(tokens.refresh_token!);
    expect(first.refresh_token).toBeUndefined();
    expect(second.access_token).toBeTruthy();
    expect(second.refresh_token_expires_on).toBe(tokens.refresh_token_expires_on);
  });

  it('refuses a refresh token presented by another client, and for an inactive user', async () => {
    const app = await makeSpaApp();
    const other = await makeSpaApp();
    const { tokens, user } = await tokensFor(app);
    await expect(refresh(tokens.refresh_token!, { client_id: other.clientId })).rejects.toMatchObject({ code: 'invalid_grant' });
    await db.user.update({ where: { id: user.id }, data: { isActive: false } });
    await expect(refresh(tokens.refresh_token!)).rejects.toMatchObject({ code: 'invalid_grant' });
  });
});

describe('client_credentials grant', () => {
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

  it('issues an S2S token with client_secret_basic and client_secret_post, filtering scopes', async () => {
    const app = await makeS2sApp(['read_user', 'write_user']);
    const viaBasic = await handleTokenRequest(new URLSearchParams({ grant_type: 'client_credentials', scope: 'read_user root' }), basic(app.clientId, app.clientSecret));
    expect(viaBasic.scope).toBe('read_user');
    const claims = await verifyAccessToken(viaBasic.access_token);
    expect(claims).toMatchObject({ sub: app.clientId, azp: app.clientId, scope: 'read_user' });

    const viaPost = await handleTokenRequest(
      new URLSearchParams({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret }),
      null,
    );
    expect(viaPost.scope).toBe('read_user write_user');
  });

  it('refuses wrong secrets, SPA clients and scopes the app lacks', async () => {
    const app = await makeS2sApp(['read_user']);
    await expect(handleTokenRequest(new URLSearchParams({ grant_type: 'client_credentials' }), basic(app.clientId, 'wrong'))).rejects.toMatchObject({
      code: 'invalid_client',
      status: 401,
    });
    await expect(handleTokenRequest(new URLSearchParams({ grant_type: 'client_credentials' }), null)).rejects.toMatchObject({ code: 'invalid_client' });
    await expect(
      handleTokenRequest(new URLSearchParams({ grant_type: 'client_credentials', scope: 'root' }), basic(app.clientId, app.clientSecret)),
    ).rejects.toMatchObject({ code: 'invalid_scope' });
    const spa = await makeSpaApp();
    await expect(
      handleTokenRequest(new URLSearchParams({ grant_type: 'client_credentials', client_id: spa.clientId, client_secret: 'x' }), null),
    ).rejects.toMatchObject({ code: 'invalid_client' });
  });

  it('stores the client secret hashed', async () => {
    const app = await makeS2sApp();
    const row = await db.app.findUniqueOrThrow({ where: { clientId: app.clientId } });
    expect(row.secretHash).not.toContain(app.clientSecret);
    expect(row.secretHash).toHaveLength(43);
  });
});
