// Negative suite after RFC 9700 (OAuth 2.0 Security Best Current Practice) and RFC 6749 / 7636:
// every attack or malformed request gets the spec's error and changes nothing in the database.
// Requests go through the real route handlers, so status codes and JSON shapes are checked too.
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as authorizeGET } from '@/app/oauth2/v1/authorize/route';
import { POST as tokenPOST } from '@/app/oauth2/v1/token/route';
import { GET as userinfoGET } from '@/app/oauth2/v1/userinfo/route';
import { overrideConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { REQUEST_COOKIE_PREFIX } from '@/lib/flow';
import { SSO_COOKIE } from '@/lib/identity/cookies';
import { decideConsent } from '@/lib/identity/consent';
import { signInWithPassword } from '@/lib/identity/sign-in';
import { startAuthorization } from '@/lib/sign-in/start';
import { authorizeParams, makePkce, makeS2sApp, makeSpaApp, makeUser } from '@/lib/testing/factories';
import { signInMachine } from '@/lib/sign-in/machine';

const ISSUER = 'http://localhost:3999';

beforeAll(() => overrideConfigForTesting({ enableUserAppConsent: true }));

type SpaApp = Awaited<ReturnType<typeof makeSpaApp>>;
type TestUser = Awaited<ReturnType<typeof makeUser>>;

/** Row counts that a refused request must leave untouched. */
async function snapshot() {
  const [requests, codes, usedCodes, liveRefresh, sessions, consents] = await Promise.all([
    db.authorizationRequest.count(),
    db.authorizationCode.count(),
    db.authorizationCode.count({ where: { usedAt: { not: null } } }),
    db.refreshToken.count({ where: { revokedAt: null, rotatedAt: null } }),
    db.ssoSession.count({ where: { endedAt: null } }),
    db.consent.count(),
  ]);
  return { requests, codes, usedCodes, liveRefresh, sessions, consents };
}

async function expectUnchanged<T>(action: () => Promise<T>): Promise<T> {
  const before = await snapshot();
  const result = await action();
  expect(await snapshot()).toEqual(before);
  return result;
}

function token(fields: Record<string, string>, headers: Record<string, string> = {}) {
  return tokenPOST(
    new NextRequest(`${ISSUER}/oauth2/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    }),
  );
}

function authorize(params: URLSearchParams, cookie?: string) {
  return authorizeGET(new NextRequest(`${ISSUER}/oauth2/v1/authorize?${params}`, { headers: cookie ? { cookie } : {} }));
}

async function expectOAuthError(response: Response, status: number, error: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('cache-control')).toBe('no-store');
  const body = (await response.json()) as Record<string, unknown>;
  expect(body.error).toBe(error);
  expect(typeof body.error_description).toBe('string');
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|Prisma|stack/i);
}

/** A code for `user` at `app`, with everything needed to redeem it. */
async function issuedCode(app: SpaApp, user: TestUser) {
  const pkce = makePkce();
  const started = await startAuthorization(authorizeParams(app, pkce), {});
  const browser = {
    machine: signInMachine,
    requestId: new URL(started.location).searchParams.get('request')!,
    bindingSecret: started.cookies.find((cookie) => cookie.name.startsWith(REQUEST_COOKIE_PREFIX))!.value,
    userAgent: 'vitest',
    ip: '',
  };
  const signedIn = await signInWithPassword(browser, { email: user.email!, password: user.password });
  const done = new URL(signedIn.location).searchParams.get('code') ? signedIn : await decideConsent(browser, 'allow');
  const ssoToken = signedIn.cookies.find((cookie) => cookie.name === SSO_COOKIE)?.value;
  return { code: new URL(done.location).searchParams.get('code')!, pkce, ssoToken };
}

async function redeem(app: SpaApp, issued: { code: string; pkce: { verifier: string } }) {
  const response = await token({ grant_type: 'authorization_code', code: issued.code, code_verifier: issued.pkce.verifier, redirect_uri: app.redirectUri });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, string>;
}

/** Authorize errors that must be reported to the client (valid client and redirect URI). */
async function expectRedirectError(params: URLSearchParams, app: SpaApp, error: string) {
  const response = await expectUnchanged(() => authorize(params));
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location')!);
  expect(`${location.origin}${location.pathname}`).toBe(app.redirectUri);
  expect(location.searchParams.get('error')).toBe(error);
  expect(location.searchParams.get('code')).toBeNull();
  expect(location.searchParams.get('iss')).toBe(ISSUER);
}

/** Authorize errors that must NOT reach the (untrusted) redirect URI. */
async function expectErrorPage(params: URLSearchParams, code: string) {
  const response = await expectUnchanged(() => authorize(params));
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location')!);
  expect(`${location.origin}${location.pathname}`).toBe(`${ISSUER}/identity/v1/error`);
  expect(location.searchParams.get('code')).toBe(code);
}

describe('RFC 9700 negative suite: authorization endpoint', () => {
  const redirectVariants: Array<[string, (uri: string) => string]> = [
    ['upper-case host', (uri) => uri.replace('https://app', 'https://APP')],
    ['upper-case path', (uri) => uri.replace('/callback', '/CALLBACK')],
    ['trailing slash', (uri) => `${uri}/`],
    ['extra query', (uri) => `${uri}?next=/admin`],
    ['fragment', (uri) => `${uri}#frag`],
    ['userinfo trick', (uri) => uri.replace('https://', 'https://attacker.example@')],
    ['suffix domain', (uri) => uri.replace('.example.test', '.example.test.attacker.example')],
    ['other port', (uri) => uri.replace('.example.test', '.example.test:8443')],
    ['http downgrade', (uri) => uri.replace('https://', 'http://')],
    ['path traversal', (uri) => `${uri}/../../attacker`],
    ['encoded path', (uri) => uri.replace('/callback', '/%63allback')],
  ];

  it.each(redirectVariants)('refuses a redirect_uri with %s on the error page, never redirecting', async (_name, mutate) => {
    const app = await makeSpaApp();
    await expectErrorPage(authorizeParams({ ...app, redirectUri: mutate(app.redirectUri) }, makePkce()), 'invalid_redirect_uri');
  });

  it('refuses a missing redirect_uri on the error page', async () => {
    const app = await makeSpaApp();
    const params = authorizeParams(app, makePkce());
    params.delete('redirect_uri');
    await expectErrorPage(params, 'invalid_redirect_uri');
  });

  it('refuses an unknown client and an inactive app on the error page', async () => {
    const app = await makeSpaApp();
    await expectErrorPage(authorizeParams({ ...app, clientId: 'unknown-client-id' }, makePkce()), 'invalid_client');
    await db.app.update({ where: { clientId: app.clientId }, data: { isActive: false } });
    await expectErrorPage(authorizeParams(app, makePkce()), 'invalid_client');
  });

  it('refuses an S2S client at the authorization endpoint', async () => {
    const s2s = await makeS2sApp();
    await expectErrorPage(authorizeParams({ clientId: s2s.clientId, redirectUri: 'https://x.example.test/cb' }, makePkce()), 'invalid_client');
  });

  it.each<[string, Record<string, string | null>, string]>([
    ['missing PKCE challenge', { code_challenge: null }, 'invalid_request'],
    ['PKCE downgrade to plain', { code_challenge_method: 'plain' }, 'invalid_request'],
    ['PKCE method omitted (means plain)', { code_challenge_method: null }, 'invalid_request'],
    ['malformed S256 challenge', { code_challenge: 'short' }, 'invalid_request'],
    ['missing state', { state: null }, 'invalid_request'],
    ['implicit flow (response_type=token)', { response_type: 'token' }, 'unsupported_response_type'],
    ['hybrid flow', { response_type: 'code id_token' }, 'unsupported_response_type'],
    ['unknown scope', { scope: 'openid superpowers' }, 'invalid_scope'],
    ['privileged S2S scope for a SPA', { scope: 'openid root' }, 'invalid_scope'],
    ['empty scope', { scope: '' }, 'invalid_scope'],
    ['oversized state', { state: 's'.repeat(3000) }, 'invalid_request'],
    ['response_mode fragment', { response_mode: 'fragment' }, 'invalid_request'],
    ['request_uri (not supported)', { request_uri: 'https://attacker.example/req' }, 'request_uri_not_supported'],
  ])('redirects %s back to the client as %s', async (_name, change, error) => {
    const app = await makeSpaApp();
    const params = authorizeParams(app, makePkce());
    for (const [key, value] of Object.entries(change)) {
      if (value === null) params.delete(key);
      else params.set(key, value);
    }
    await expectRedirectError(params, app, error);
  });

  it('prompt=none without a session answers login_required without revealing any user', async () => {
    const app = await makeSpaApp();
    await expectRedirectError(authorizeParams(app, makePkce(), { prompt: 'none', login_hint: 'someone@example.test' }), app, 'login_required');
  });

  it('prompt=none with a session but without consent answers consent_required', async () => {
    const user = await makeUser();
    const first = await makeSpaApp();
    const { ssoToken } = await issuedCode(first, user);
    const other = await makeSpaApp();
    const response = await authorize(authorizeParams(other, makePkce(), { prompt: 'none' }), `${SSO_COOKIE}=${ssoToken}`);
    const location = new URL(response.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('consent_required');
    expect(location.searchParams.get('code')).toBeNull();
  });
});

describe('RFC 9700 negative suite: token endpoint', () => {
  it('code replay fails and revokes every token issued from the code (§4.5)', async () => {
    const app = await makeSpaApp();
    const issued = await issuedCode(app, await makeUser());
    const tokens = await redeem(app, issued);
    const replay = await token({ grant_type: 'authorization_code', code: issued.code, code_verifier: issued.pkce.verifier });
    await expectOAuthError(replay, 400, 'invalid_grant');
    await expectOAuthError(await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! }), 400, 'invalid_grant');
  });

  it.each<[string, (app: SpaApp, issued: Awaited<ReturnType<typeof issuedCode>>) => Record<string, string>, number, string]>([
    // The last character always changes (bug: appending 'x' in place of it kept a verifier that ended in 'x').
    ['PKCE verifier mismatch', (_a, i) => ({ code: i.code, code_verifier: `${i.pkce.verifier.slice(0, -1)}${i.pkce.verifier.endsWith('x') ? 'y' : 'x'}` }), 400, 'invalid_grant'],
    ['PKCE verifier missing', (_a, i) => ({ code: i.code }), 400, 'invalid_request'],
    ['PKCE verifier with illegal characters', (_a, i) => ({ code: i.code, code_verifier: `${i.pkce.verifier}!` }), 400, 'invalid_grant'],
    ['redirect_uri differing from the request', (a, i) => ({ code: i.code, code_verifier: i.pkce.verifier, redirect_uri: `${a.redirectUri}/` }), 400, 'invalid_grant'],
    ['code presented by another client', (_a, i) => ({ code: i.code, code_verifier: i.pkce.verifier, client_id: 'another-client' }), 400, 'invalid_grant'],
    ['unknown code', (_a, i) => ({ code: `${i.code}x`, code_verifier: i.pkce.verifier }), 400, 'invalid_grant'],
    ['missing code', (_a, i) => ({ code_verifier: i.pkce.verifier }), 400, 'invalid_request'],
    ['oversized code', (_a, i) => ({ code: 'c'.repeat(5000), code_verifier: i.pkce.verifier }), 400, 'invalid_request'],
  ])('refuses a %s and leaves the code redeemable', async (_name, fields, status, error) => {
    const app = await makeSpaApp();
    const issued = await issuedCode(app, await makeUser());
    const response = await expectUnchanged(() => token({ grant_type: 'authorization_code', ...fields(app, issued) }));
    await expectOAuthError(response, status, error);
    await redeem(app, issued);
  });

  it('refuses an expired code', async () => {
    const app = await makeSpaApp();
    const user = await makeUser();
    const issued = await issuedCode(app, user);
    await db.authorizationCode.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    await expectOAuthError(await expectUnchanged(() => token({ grant_type: 'authorization_code', code: issued.code, code_verifier: issued.pkce.verifier })), 400, 'invalid_grant');
  });

  it('refuses a code after the user or the app was deactivated', async () => {
    const app = await makeSpaApp();
    const user = await makeUser();
    const issued = await issuedCode(app, user);
    await db.user.update({ where: { id: user.id }, data: { isActive: false } });
    await expectOAuthError(await expectUnchanged(() => token({ grant_type: 'authorization_code', code: issued.code, code_verifier: issued.pkce.verifier })), 400, 'invalid_grant');
    await db.user.update({ where: { id: user.id }, data: { isActive: true } });
    await db.app.update({ where: { clientId: app.clientId }, data: { isActive: false } });
    await expectOAuthError(await expectUnchanged(() => token({ grant_type: 'authorization_code', code: issued.code, code_verifier: issued.pkce.verifier })), 400, 'invalid_grant');
  });

  it('refuses a refresh token of another client', async () => {
    const app = await makeSpaApp();
    const other = await makeSpaApp();
    const tokens = await redeem(app, await issuedCode(app, await makeUser()));
    const response = await expectUnchanged(() => token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token!, client_id: other.clientId }));
    await expectOAuthError(response, 400, 'invalid_grant');
  });

  it('a reused (rotated) refresh token fails and revokes its family', async () => {
    const app = await makeSpaApp();
    const tokens = await redeem(app, await issuedCode(app, await makeUser()));
    const rotated = (await (await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! })).json()) as Record<string, string>;
    await expectOAuthError(await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! }), 400, 'invalid_grant');
    await expectOAuthError(await token({ grant_type: 'refresh_token', refresh_token: rotated.refresh_token! }), 400, 'invalid_grant');
  });

  it('refuses a wrong client secret with 401 and a Basic challenge', async () => {
    const s2s = await makeS2sApp();
    const basic = `Basic ${Buffer.from(`${s2s.clientId}:wrong-secret`).toString('base64')}`;
    const response = await token({ grant_type: 'client_credentials' }, { authorization: basic });
    await expectOAuthError(response, 401, 'invalid_client');
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic/);
  });

  it('refuses a SPA client authenticating for an S2S grant and an S2S client redeeming a code', async () => {
    const app = await makeSpaApp();
    const s2s = await makeS2sApp();
    const issued = await issuedCode(app, await makeUser());
    const basic = `Basic ${Buffer.from(`${s2s.clientId}:${s2s.clientSecret}`).toString('base64')}`;
    const response = await expectUnchanged(() => token({ grant_type: 'authorization_code', code: issued.code, code_verifier: issued.pkce.verifier }, { authorization: basic }));
    await expectOAuthError(response, 400, 'unauthorized_client');
  });

  it.each<[string, Record<string, string>, string, number, string]>([
    ['unsupported grant (password)', { grant_type: 'password', username: 'a', password: 'b' }, 'application/x-www-form-urlencoded', 400, 'unsupported_grant_type'],
    ['implicit-style grant', { grant_type: 'implicit' }, 'application/x-www-form-urlencoded', 400, 'unsupported_grant_type'],
    ['missing grant_type', {}, 'application/x-www-form-urlencoded', 400, 'invalid_request'],
    ['JSON body', { grant_type: 'client_credentials' }, 'application/json', 400, 'invalid_request'],
  ])('answers a %s with %s', async (_name, fields, contentType, status, error) => {
    const response = await tokenPOST(
      new NextRequest(`${ISSUER}/oauth2/v1/token`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: contentType === 'application/json' ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
      }),
    );
    await expectOAuthError(response, status, error);
  });

  it('refuses repeated parameters', async () => {
    const response = await tokenPOST(
      new NextRequest(`${ISSUER}/oauth2/v1/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=authorization_code&code=a&code=b&code_verifier=x',
      }),
    );
    await expectOAuthError(response, 400, 'invalid_request');
  });
});

describe('RFC 9700 negative suite: resource access', () => {
  it('userinfo refuses missing, malformed, forged and client-credentials tokens with a Bearer challenge', async () => {
    const s2s = await makeS2sApp();
    const clientToken = (await (
      await token({ grant_type: 'client_credentials' }, { authorization: `Basic ${Buffer.from(`${s2s.clientId}:${s2s.clientSecret}`).toString('base64')}` })
    ).json()) as Record<string, string>;
    const app = await makeSpaApp();
    const userTokens = await redeem(app, await issuedCode(app, await makeUser()));
    const [header, payload] = userTokens.access_token!.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not-a-signature').toString('base64url')}`;
    for (const authorization of [undefined, 'Bearer', 'Basic abc', 'Bearer not.a.jwt', `Bearer ${forged}`, `Bearer ${clientToken.access_token}`]) {
      const response = await userinfoGET(new NextRequest(`${ISSUER}/oauth2/v1/userinfo`, { headers: authorization ? { authorization } : {} }));
      await expectOAuthError(response, 401, 'invalid_token');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    }
  });
});
