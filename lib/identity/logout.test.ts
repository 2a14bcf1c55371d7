import { decodeJwt } from 'jose';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as melodyLogoutPOST } from '@/app/identity/v1/logout/route';
import { GET as endSessionGET, POST as endSessionPOST } from '@/app/oauth2/v1/logout/route';
import { overrideConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { signJwt } from '@/lib/oauth/jwt';
import { handleTokenRequest } from '@/lib/oauth/token-endpoint';
import { authorizeParams, issueUserTokens, makePkce, makeSpaApp, makeUser } from '@/lib/testing/factories';
import { SSO_COOKIE } from './cookies';
import { startAuthorization } from '@/lib/sign-in/start';

const ISSUER = 'http://localhost:3999';
const LOGGED_OUT = `${ISSUER}/identity/v1/logged-out`;

beforeAll(() => overrideConfigForTesting({ enableUserAppConsent: false, serverSessionExpiresIn: 1800 }));

type SpaApp = Awaited<ReturnType<typeof makeSpaApp>>;

async function appWithLogoutUri() {
  const host = `https://rp-${crypto.randomUUID().slice(0, 8)}.example.test`;
  const app = await makeSpaApp({ redirectUris: [`${host}/callback`], postLogoutRedirectUris: [`${host}/signed-out`] });
  return { ...app, postLogoutUri: `${host}/signed-out` };
}

/** A user signed in to `app` in a browser: tokens plus the SSO cookie. */
async function browserSession(app: SpaApp) {
  const user = await makeUser();
  const { tokens, ssoToken } = await issueUserTokens(app, user);
  expect(ssoToken).toBeTruthy();
  return { user, tokens, ssoToken: ssoToken! };
}

const refresh = (refreshToken: string) => handleTokenRequest(new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }), null);

function melodyLogout(accessToken: string | undefined, fields: Record<string, string>) {
  return melodyLogoutPOST(
    new NextRequest(`${ISSUER}/identity/v1/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
      body: new URLSearchParams(fields).toString(),
    }),
  );
}

function endSession(params: Record<string, string>, ssoToken?: string) {
  return endSessionGET(
    new NextRequest(`${ISSUER}/oauth2/v1/logout?${new URLSearchParams(params)}`, { headers: ssoToken ? { cookie: `${SSO_COOKIE}=${ssoToken}` } : {} }),
  );
}

/** The user's "Sign out" on the confirmation page: its same-origin form POST with confirm=1. */
function confirmEndSession(params: Record<string, string>, ssoToken?: string, origin = ISSUER) {
  return endSessionPOST(
    new NextRequest(`${ISSUER}/oauth2/v1/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin, ...(ssoToken ? { cookie: `${SSO_COOKIE}=${ssoToken}` } : {}) },
      body: new URLSearchParams({ ...params, confirm: '1' }).toString(),
    }),
  );
}

function locationOf(response: Response) {
  expect([302, 303]).toContain(response.status);
  return response.headers.get('location')!;
}

async function sessionEnded(ssoToken: string) {
  const started = await startAuthorization(authorizeParams(await makeSpaApp(), makePkce()), { ssoToken });
  return new URL(started.location).pathname === '/identity/v1/sign-in';
}

describe('POST /identity/v1/logout (Melody SDK)', () => {
  it('revokes the refresh token and answers { success, redirectUri } towards the end-session endpoint', async () => {
    const app = await appWithLogoutUri();
    const { tokens } = await browserSession(app);
    const response = await melodyLogout(tokens.access_token, { refresh_token: tokens.refresh_token!, post_logout_redirect_uri: app.postLogoutUri });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { success: boolean; redirectUri: string };
    expect(body.success).toBe(true);
    const redirect = new URL(body.redirectUri);
    expect(`${redirect.origin}${redirect.pathname}`).toBe(`${ISSUER}/oauth2/v1/logout`);
    expect(redirect.searchParams.get('post_logout_redirect_uri')).toBe(app.postLogoutUri);
    expect(redirect.searchParams.get('client_id')).toBe(app.clientId);
    // A signed hint for the user and app: following it needs no confirmation (issue 12 item 12).
    expect(decodeJwt(redirect.searchParams.get('id_token_hint')!)).toMatchObject({ sub: decodeJwt(tokens.access_token).sub, aud: app.clientId });
    await expect(refresh(tokens.refresh_token!)).rejects.toMatchObject({ code: 'invalid_grant' });
  });

  it('leaves refresh tokens of another user or another app alone', async () => {
    const app = await appWithLogoutUri();
    const other = await appWithLogoutUri();
    const alice = await makeUser();
    const bob = await makeUser();
    const aliceTokens = (await issueUserTokens(app, alice)).tokens;
    const bobTokens = (await issueUserTokens(app, bob)).tokens;
    const aliceElsewhere = (await issueUserTokens(other, alice)).tokens;
    for (const victim of [bobTokens.refresh_token!, aliceElsewhere.refresh_token!]) {
      const response = await melodyLogout(aliceTokens.access_token, { refresh_token: victim, post_logout_redirect_uri: app.postLogoutUri });
      expect(response.status).toBe(200);
      await expect(refresh(victim)).resolves.toMatchObject({ token_type: 'Bearer' });
    }
  });

  it('refuses a missing, forged or client-credentials access token with 401 invalid_token, revoking nothing', async () => {
    const app = await appWithLogoutUri();
    const { tokens } = await browserSession(app);
    const s2sLike = await signJwt(
      { sub: app.clientId, aud: app.clientId, azp: app.clientId, client_id: app.clientId, scope: 'read_user' },
      { type: 'at+jwt', expiresIn: 60 },
    );
    for (const accessToken of [undefined, 'not-a-token', `${tokens.access_token}x`, s2sLike]) {
      const response = await melodyLogout(accessToken, { refresh_token: tokens.refresh_token! });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: string }).error).toBe('invalid_token');
    }
    await expect(refresh(tokens.refresh_token!)).resolves.toMatchObject({ token_type: 'Bearer' });
  });

  it('completes Melody’s whole logout: following redirectUri ends the SSO session and returns to the app', async () => {
    const app = await appWithLogoutUri();
    const { tokens, ssoToken } = await browserSession(app);
    const { redirectUri } = (await (
      await melodyLogout(tokens.access_token, { refresh_token: tokens.refresh_token!, post_logout_redirect_uri: app.postLogoutUri })
    ).json()) as { redirectUri: string };
    const response = await endSessionGET(new NextRequest(redirectUri, { headers: { cookie: `${SSO_COOKIE}=${ssoToken}` } }));
    expect(locationOf(response)).toBe(app.postLogoutUri);
    expect(await sessionEnded(ssoToken)).toBe(true);
  });
});

describe('GET/POST /oauth2/v1/logout (RP-Initiated Logout 1.0)', () => {
  it('ends the SSO session, revokes its refresh tokens in every app and returns to the registered URI with state', async () => {
    const app = await appWithLogoutUri();
    const { user, tokens, ssoToken } = await browserSession(app);
    const second = await makeSpaApp();
    const secondTokens = (await issueUserTokens(second, user, { ssoToken })).tokens;
    expect(await sessionEnded(ssoToken)).toBe(false);

    const response = await confirmEndSession({ client_id: app.clientId, post_logout_redirect_uri: app.postLogoutUri, state: 'st-42' }, ssoToken);
    expect(response.status).toBe(303);
    expect(locationOf(response)).toBe(`${app.postLogoutUri}?state=st-42`);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`${SSO_COOKIE}=;`));
    expect(cookie).toMatch(/Max-Age=0/i);

    const session = await db.ssoSession.findFirstOrThrow({ where: { userId: user.id } });
    expect(session.endedAt).not.toBeNull();
    expect(await sessionEnded(ssoToken)).toBe(true);
    for (const refreshToken of [tokens.refresh_token!, secondTokens.refresh_token!]) {
      await expect(refresh(refreshToken)).rejects.toMatchObject({ code: 'invalid_grant' });
    }
  });

  it.each<[string, (uri: string) => string]>([
    ['upper-case host', (uri) => uri.replace('https://rp', 'https://RP')],
    ['upper-case path', (uri) => uri.replace('/signed-out', '/SIGNED-OUT')],
    ['trailing slash', (uri) => `${uri}/`],
    ['extra query', (uri) => `${uri}?next=/x`],
    ['http downgrade', (uri) => uri.replace('https://', 'http://')],
    ['suffix domain', (uri) => uri.replace('.example.test', '.example.test.evil.example')],
  ])('never redirects to a post-logout URI with %s; shows the signed-out page and still logs out', async (_name, mutate) => {
    const app = await appWithLogoutUri();
    const { ssoToken } = await browserSession(app);
    const response = await confirmEndSession({ client_id: app.clientId, post_logout_redirect_uri: mutate(app.postLogoutUri), state: 'st' }, ssoToken);
    expect(locationOf(response)).toBe(LOGGED_OUT);
    expect(await sessionEnded(ssoToken)).toBe(true);
  });

  it('does not redirect to a URI registered by another app, a login redirect URI, or without a known client', async () => {
    const app = await appWithLogoutUri();
    const other = await appWithLogoutUri();
    expect(locationOf(await confirmEndSession({ client_id: app.clientId, post_logout_redirect_uri: other.postLogoutUri }))).toBe(LOGGED_OUT);
    expect(locationOf(await confirmEndSession({ client_id: app.clientId, post_logout_redirect_uri: app.redirectUri }))).toBe(LOGGED_OUT);
    expect(locationOf(await confirmEndSession({ post_logout_redirect_uri: app.postLogoutUri }))).toBe(LOGGED_OUT);
    expect(locationOf(await confirmEndSession({ client_id: 'no-such-client', post_logout_redirect_uri: app.postLogoutUri }))).toBe(LOGGED_OUT);
    await db.app.update({ where: { clientId: app.clientId }, data: { isActive: false } });
    expect(locationOf(await confirmEndSession({ client_id: app.clientId, post_logout_redirect_uri: app.postLogoutUri }))).toBe(LOGGED_OUT);
  });

  it('identifies the client by id_token_hint, also an expired one, and refuses a hint that disagrees with client_id', async () => {
    const app = await appWithLogoutUri();
    const { user, tokens } = await browserSession(app);
    expect(locationOf(await endSession({ id_token_hint: tokens.id_token!, post_logout_redirect_uri: app.postLogoutUri }))).toBe(app.postLogoutUri);

    const expired = await signJwt({ sub: user.id, aud: app.clientId }, { type: 'JWT', expiresIn: 60, now: Math.floor(Date.now() / 1000) - 86_400 });
    expect(locationOf(await endSession({ id_token_hint: expired, post_logout_redirect_uri: app.postLogoutUri, state: 's' }))).toBe(
      `${app.postLogoutUri}?state=s`,
    );

    const other = await appWithLogoutUri();
    const mismatched = locationOf(await endSession({ id_token_hint: tokens.id_token!, client_id: other.clientId, post_logout_redirect_uri: other.postLogoutUri }));
    expect(new URL(mismatched).pathname).toBe('/identity/v1/logout-confirm');
  });

  it('does not trust a forged hint or an access token passed as a hint', async () => {
    const app = await appWithLogoutUri();
    const { tokens } = await browserSession(app);
    const [header, payload] = tokens.id_token!.split('.');
    const forged = `${header}.${payload}.${Buffer.from('forged').toString('base64url')}`;
    for (const hint of [forged, tokens.access_token, 'garbage']) {
      const response = await endSession({ id_token_hint: hint, client_id: app.clientId, post_logout_redirect_uri: app.postLogoutUri });
      expect(new URL(locationOf(response)).pathname).toBe('/identity/v1/logout-confirm');
      const confirmed = await confirmEndSession({ id_token_hint: hint, client_id: app.clientId, post_logout_redirect_uri: app.postLogoutUri });
      expect(locationOf(confirmed)).toBe(LOGGED_OUT);
    }
  });

  it('shows the signed-out page in the first supported ui_locales language', async () => {
    expect(locationOf(await confirmEndSession({ ui_locales: 'zh-CN en' }))).toBe(`${LOGGED_OUT}?locale=zh-CN`);
    expect(locationOf(await confirmEndSession({ ui_locales: 'ko zh-Hans' }))).toBe(`${LOGGED_OUT}?locale=zh-CN`);
    expect(locationOf(await confirmEndSession({ ui_locales: 'ko' }))).toBe(LOGGED_OUT);
    expect(locationOf(await confirmEndSession({ ui_locales: 'fr-CA' }))).toBe(`${LOGGED_OUT}?locale=fr`);
    // The confirmation page is asked in the same language.
    expect(new URL(locationOf(await endSession({ ui_locales: 'fr-CA' }))).searchParams.get('locale')).toBe('fr');
  });

  it('accepts a cross-site form POST, which carries no cookie: the hint’s sid names the session to end', async () => {
    const app = await appWithLogoutUri();
    const { tokens, ssoToken } = await browserSession(app);
    expect(decodeJwt(tokens.id_token!).sid).toBeTruthy();
    const response = await endSessionPOST(
      new NextRequest(`${ISSUER}/oauth2/v1/logout`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ id_token_hint: tokens.id_token!, post_logout_redirect_uri: app.postLogoutUri, state: 'p' }).toString(),
      }),
    );
    expect(response.status).toBe(303);
    expect(locationOf(response)).toBe(`${app.postLogoutUri}?state=p`);
    expect(await sessionEnded(ssoToken)).toBe(true);
    await expect(refresh(tokens.refresh_token!)).rejects.toMatchObject({ code: 'invalid_grant' });
  });

  it('ends a session named by sid only for the hint’s own user', async () => {
    const app = await appWithLogoutUri();
    const victim = await browserSession(app);
    const session = await db.ssoSession.findFirstOrThrow({ where: { userId: victim.user.id } });
    const attacker = await makeUser();
    const hint = await signJwt({ sub: attacker.id, aud: app.clientId, sid: session.id }, { type: 'JWT', expiresIn: 60 });
    await endSession({ id_token_hint: hint });
    expect(await sessionEnded(victim.ssoToken)).toBe(false);
  });
});

describe('issue 12 item 12: logout CSRF', () => {
  it('issue 12 item 12: a cross-site GET without id_token_hint does not end the session; it shows the confirmation page', async () => {
    const app = await appWithLogoutUri();
    const { tokens, ssoToken } = await browserSession(app);
    // What an <img src> or a link on another site makes the browser send (the SSO cookie is SameSite=Lax).
    for (const params of <Record<string, string>[]>[{}, { client_id: app.clientId, post_logout_redirect_uri: app.postLogoutUri, state: 'x' }]) {
      const response = await endSessionGET(
        new NextRequest(`${ISSUER}/oauth2/v1/logout?${new URLSearchParams(params)}`, {
          headers: { cookie: `${SSO_COOKIE}=${ssoToken}`, 'sec-fetch-site': 'cross-site', referer: 'https://evil.example/' },
        }),
      );
      const location = new URL(locationOf(response));
      expect(`${location.origin}${location.pathname}`).toBe(`${ISSUER}/identity/v1/logout-confirm`);
      expect(response.headers.get('set-cookie') ?? '').not.toContain(SSO_COOKIE);
      expect(await sessionEnded(ssoToken)).toBe(false);
    }
    await expect(refresh(tokens.refresh_token!)).resolves.toMatchObject({ token_type: 'Bearer' });
  });

  it('issue 12 item 12: a cross-site form POST claiming confirmation does not end the session', async () => {
    const app = await appWithLogoutUri();
    const { ssoToken } = await browserSession(app);
    for (const origin of ['https://evil.example', 'null']) {
      const response = await confirmEndSession({ client_id: app.clientId }, ssoToken, origin);
      expect(new URL(locationOf(response)).pathname).toBe('/identity/v1/logout-confirm');
    }
    expect(await sessionEnded(ssoToken)).toBe(false);
    // The page's own POST does.
    expect(locationOf(await confirmEndSession({ client_id: app.clientId, post_logout_redirect_uri: app.postLogoutUri }, ssoToken))).toBe(app.postLogoutUri);
    expect(await sessionEnded(ssoToken)).toBe(true);
  });
});
