// Interop: openid-client (a standard OpenID Connect relying party, not our code) against the real
// production server, with Chromium doing the user's part on the hosted pages. Every flow is found
// through discovery and checked by the library itself: ID token signatures against our JWKS
// (enableNonRepudiationChecks), iss, aud, nonce, at_hash, the authorization response's state and
// RFC 9207 iss, PKCE. Each test makes its own users and apps through the CLI
// (e2e/support/users.ts, e2e/support/apps.ts), so no test depends on another's consent, session or tokens.
//
// Popup mode (authorize_method=popup) is covered in e2e/popup.spec.ts and the hosted device pages'
// details (wrong code, locale, denial) in e2e/device.spec.ts; this file only adds openid-client's side.
import { randomBytes } from 'node:crypto';
import { expect as baseExpect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import * as client from 'openid-client';
import { createTestS2s, createTestSpa, type TestS2s, type TestSpa } from './support/apps';
import { loadFixtures, type E2eFixtures, type E2eUser } from './support/fixtures';
import { authorizationRequest, discoverClient, recordNavigations, redeem } from './support/oidc-client';
import { cli } from './support/server';
import { createTestUser } from './support/users';

const SIGN_IN_PATH = '/identity/v1/sign-in';
const CONSENT_PATH = '/identity/v1/consent';
const LOGGED_OUT_PATH = '/identity/v1/logged-out';
const USER_SCOPES = 'openid profile offline_access';

test.use({ locale: 'en-US' });
// Each test signs in (argon2 verification, hydration) and runs several CLI commands; the device flow
// polls every 5 s. Loaded CI machines need more than the config's defaults.
test.describe.configure({ timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 15_000 });

let fixtures: E2eFixtures;

test.beforeAll(() => {
  fixtures = loadFixtures();
});

// ---------------------------------------------------------------------------------------------
// The relying party's side (openid-client)

const configure = (clientId: string, auth?: client.ClientAuth) => discoverClient(fixtures.issuer, clientId, auth);

/**
 * How a call that must fail failed: the OAuth error code and HTTP status. A 401 that carries a
 * WWW-Authenticate challenge (RFC 6749 §5.2: invalid_client after HTTP Basic) surfaces in
 * openid-client as WWWAuthenticateChallengeError with the JSON body unread; the code is read from it.
 */
async function failure(call: Promise<unknown>): Promise<{ status: number; error: string; challenge?: string }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof client.ResponseBodyError) return { status: error.status, error: error.error };
    if (error instanceof client.WWWAuthenticateChallengeError) {
      const body = (await error.response.json()) as { error: string };
      return { status: error.status, error: body.error, challenge: error.cause[0]?.scheme.toLowerCase() };
    }
    throw error;
  }
  throw new Error('the call succeeded, but it must fail');
}

// ---------------------------------------------------------------------------------------------
// The browser's side (Chromium)

const sameResource = (uri: string) => (url: URL) => `${url.origin}${url.pathname}` === uri;
const onPath = (pathname: string) => (url: URL) => url.pathname === pathname;

/** Answers the app's redirect and post-logout URIs with stub pages (the server does not serve them). */
async function serveRelyingParty(context: BrowserContext, spa: TestSpa): Promise<void> {
  for (const uri of [spa.redirectUri, spa.postLogoutRedirectUri]) {
    await context.route(sameResource(uri), (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><html lang="en"><title>RP</title><h1>Relying party</h1></html>' }),
    );
  }
}

const openContexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(openContexts.splice(0).map((context) => context.close()));
});

/** A new browser profile (no SSO cookie) that plays the relying party of the given apps; closed after the test. */
async function newBrowserContext(browser: Browser, ...apps: TestSpa[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'en-US' });
  openContexts.push(context);
  for (const spa of apps) await serveRelyingParty(context, spa);
  return { context, page: await context.newPage() };
}

const hostedPages = (navigations: URL[]) => navigations.map((url) => url.pathname).filter((pathname) => pathname.startsWith('/identity/'));

async function signIn(page: Page, user: E2eUser): Promise<void> {
  await page.waitForURL(onPath(SIGN_IN_PATH));
  const submit = page.getByRole('button', { name: 'Sign in', exact: true });
  await expect(submit).toBeEnabled(); // disabled until hydrated
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await submit.click();
}

async function allowConsent(page: Page): Promise<void> {
  await page.waitForURL(onPath(CONSENT_PATH));
  const allow = page.getByRole('button', { name: 'Allow', exact: true });
  await expect(allow).toBeEnabled();
  await allow.click();
}

/** The browser ends on the app's redirect URI: that URL, as the relying party receives it. */
async function callback(page: Page, spa: TestSpa): Promise<URL> {
  await page.waitForURL(sameResource(spa.redirectUri));
  return new URL(page.url());
}

/** Sign-in form, consent, code → tokens (validated by openid-client). */
async function signInAndRedeem(page: Page, config: client.Configuration, spa: TestSpa, user: E2eUser) {
  const request = await authorizationRequest(config, spa.redirectUri, USER_SCOPES);
  await page.goto(request.url.href);
  await signIn(page, user);
  await allowConsent(page);
  const callbackUrl = await callback(page, spa);
  const tokens = await redeem(config, callbackUrl, request);
  return { request, callbackUrl, tokens };
}

// ---------------------------------------------------------------------------------------------
// S2S API calls the setup needs (an S2S app's token from client_credentials)

async function s2sApi(admin: TestS2s, method: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const config = await configure(admin.clientId, client.ClientSecretBasic(admin.clientSecret));
  const { access_token } = await client.clientCredentialsGrant(config);
  const response = await client.fetchProtectedResource(
    config,
    access_token,
    new URL(path, fixtures.baseURL),
    method,
    JSON.stringify(body),
    new Headers({ 'content-type': 'application/json' }),
  );
  const json = (await response.json()) as Record<string, unknown>;
  expect(response.ok, `${method} ${path}: ${response.status} ${JSON.stringify(json)}`).toBe(true);
  return json;
}

/** A verified user with first and last name and a role (which must exist), through the CLI. */
async function createUserWithRole(label: string, role: string): Promise<E2eUser & { firstName: string; lastName: string }> {
  const email = `e2e-${label}-${randomBytes(4).toString('hex')}@example.com`;
  const password = `Pw-7${randomBytes(12).toString('base64url')}!`;
  const [firstName, lastName] = ['Ada', `Lovelace${randomBytes(2).toString('hex')}`];
  const created = await cli(fixtures.cliEnv, [
    'user', 'create', '--email', email, '--password', password, '--first-name', firstName, '--last-name', lastName, '--role', role, '--verified',
  ]);
  return { authId: String(created.authId), email, password, firstName, lastName };
}

// ---------------------------------------------------------------------------------------------

test('discovery: issuer, endpoints, S256 only, RFC 9207 iss in authorization responses', async () => {
  const config = await configure(fixtures.clientId);
  const metadata = config.serverMetadata();
  const base = fixtures.baseURL;
  expect(metadata.issuer).toBe(fixtures.issuer);
  expect(metadata).toMatchObject({
    authorization_endpoint: `${base}/oauth2/v1/authorize`,
    token_endpoint: `${base}/oauth2/v1/token`,
    userinfo_endpoint: `${base}/oauth2/v1/userinfo`,
    revocation_endpoint: `${base}/oauth2/v1/revoke`,
    introspection_endpoint: `${base}/oauth2/v1/introspect`,
    end_session_endpoint: `${base}/oauth2/v1/logout`,
    device_authorization_endpoint: `${base}/oauth2/v1/device_authorization`,
    jwks_uri: `${base}/.well-known/jwks.json`,
    authorization_response_iss_parameter_supported: true,
  });
  // PKCE: S256 only (plain is off by default).
  expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
  expect(metadata.response_types_supported).toEqual(['code']);
  expect(metadata.id_token_signing_alg_values_supported).toContain('RS256');
  expect(metadata.grant_types_supported).toEqual(
    expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials', 'urn:ietf:params:oauth:grant-type:device_code']),
  );
  expect(metadata.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(['none', 'client_secret_basic', 'client_secret_post']));
  expect(metadata.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile', 'offline_access']));
  expect(metadata.prompt_values_supported).toEqual(expect.arrayContaining(['none', 'login', 'consent']));

  // The JWKS the library verifies ID tokens with: RSA public keys only, each with a kid.
  const jwks = (await (await fetch(metadata.jwks_uri!)).json()) as { keys: Array<Record<string, unknown>> };
  expect(jwks.keys.length).toBeGreaterThan(0);
  for (const key of jwks.keys) {
    expect(key).toMatchObject({ kty: 'RSA', kid: expect.any(String) });
    expect(key).not.toHaveProperty('d');
  }
});

test('code + PKCE + state + nonce: openid-client validates the ID token; userinfo has standard claims, authId and roles', async ({ browser }) => {
  // A role of our own (made through the S2S API) so that `roles` cannot be an accident.
  const [admin, spa] = await Promise.all([createTestS2s(fixtures, 'role admin', ['write_role']), createTestSpa(fixtures, 'code')]);
  const roleName = `e2e-interop-${Date.now().toString(36)}`;
  await s2sApi(admin, 'POST', '/api/v1/roles', { name: roleName, note: 'e2e interop' });
  const user = await createUserWithRole('code', roleName);
  const config = await configure(spa.clientId);
  const { context, page } = await newBrowserContext(browser, spa);

  const { request, callbackUrl, tokens } = await signInAndRedeem(page, config, spa, user);
  // RFC 9207 and state: openid-client checked both; they are on the redirect itself.
  expect(callbackUrl.searchParams.get('iss')).toBe(fixtures.issuer);
  expect(callbackUrl.searchParams.get('state')).toBe(request.state);
  expect(tokens.token_type.toLowerCase()).toBe('bearer');
  expect(tokens.scope?.split(' ').sort()).toEqual(USER_SCOPES.split(' ').sort());
  expect(tokens.refresh_token).toBeTruthy();

  const claims = tokens.claims()!;
  expect(claims).toMatchObject({ iss: fixtures.issuer, sub: user.authId, nonce: request.nonce, email: user.email });
  expect([claims.aud].flat()).toEqual([spa.clientId]);
  expect(claims.auth_time).toEqual(expect.any(Number));
  expect(claims.at_hash).toEqual(expect.any(String));

  const userinfo = await client.fetchUserInfo(config, tokens.access_token, user.authId);
  expect(userinfo).toMatchObject({
    sub: user.authId,
    email: user.email,
    email_verified: true,
    given_name: user.firstName,
    family_name: user.lastName,
    name: `${user.firstName} ${user.lastName}`,
    // Melody's fields
    authId: user.authId,
    roles: [roleName],
  });
  // openid-client refuses a userinfo response for another subject.
  await expect(client.fetchUserInfo(config, tokens.access_token, fixtures.users.primary.authId)).rejects.toThrow();

  // A code is single-use.
  await expect(redeem(config, callbackUrl, request)).rejects.toMatchObject({ error: 'invalid_grant' });

  // PKCE is enforced: a code (issued silently from the SSO session) redeemed with another verifier is refused.
  const second = await authorizationRequest(config, spa.redirectUri, USER_SCOPES);
  await page.goto(second.url.href);
  const secondCallback = await callback(page, spa);
  await expect(redeem(config, secondCallback, second, client.randomPKCECodeVerifier())).rejects.toMatchObject({ error: 'invalid_grant' });
  await context.close();
});

test('refresh: every refresh rotates the refresh token; reusing a rotated one fails and kills the newest', async ({ browser }) => {
  const [user, spa] = await Promise.all([createTestUser(fixtures, 'refresh'), createTestSpa(fixtures, 'refresh')]);
  const config = await configure(spa.clientId);
  const { context, page } = await newBrowserContext(browser, spa);
  const { tokens } = await signInAndRedeem(page, config, spa, user);
  await context.close();

  const first = tokens.refresh_token!;
  const second = await client.refreshTokenGrant(config, first);
  expect(second.refresh_token).toBeTruthy();
  expect(second.refresh_token).not.toBe(first);
  expect(second.access_token).not.toBe(tokens.access_token);
  expect(second.claims()?.sub).toBe(user.authId); // the refreshed ID token, validated again

  const third = await client.refreshTokenGrant(config, second.refresh_token!);
  expect(third.refresh_token).toBeTruthy();
  expect(new Set([first, second.refresh_token, third.refresh_token]).size).toBe(3);
  expect((await client.fetchUserInfo(config, third.access_token, user.authId)).sub).toBe(user.authId);

  // The first one was rotated away: refused (and, as a replay, it revokes the family).
  await expect(client.refreshTokenGrant(config, first)).rejects.toMatchObject({ error: 'invalid_grant' });
  // The newest one, never used, is dead as well.
  await expect(client.refreshTokenGrant(config, third.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
});

test('revocation: a revoked refresh token can no longer be refreshed; an access token is answered unsupported_token_type', async ({ browser }) => {
  const [user, spa] = await Promise.all([createTestUser(fixtures, 'revoke'), createTestSpa(fixtures, 'revoke')]);
  const config = await configure(spa.clientId);
  const { context, page } = await newBrowserContext(browser, spa);
  const { tokens } = await signInAndRedeem(page, config, spa, user);
  await context.close();

  // Live before revocation: it refreshes (and rotates).
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
  const live = refreshed.refresh_token!;

  await client.tokenRevocation(config, live, { token_type_hint: 'refresh_token' });
  await expect(client.refreshTokenGrant(config, live)).rejects.toMatchObject({ error: 'invalid_grant' });
  // Revoking again (or an unknown token) is still a success (RFC 7009 §2.2).
  await client.tokenRevocation(config, live, { token_type_hint: 'refresh_token' });

  // Access tokens are stateless JWTs: Tessera refuses to pretend to revoke them (README decision).
  await expect(client.tokenRevocation(config, refreshed.access_token, { token_type_hint: 'access_token' })).rejects.toMatchObject({
    error: 'unsupported_token_type',
  });
});

test('introspection by an S2S client: live access token active with sub, scope and client_id; revoked refresh token inactive', async ({ browser }) => {
  const [user, spa, resourceServer] = await Promise.all([
    createTestUser(fixtures, 'introspect'),
    createTestSpa(fixtures, 'introspect'),
    createTestS2s(fixtures, 'resource server', [], { allowIntrospection: true }),
  ]);
  const config = await configure(spa.clientId);
  const rs = await configure(resourceServer.clientId, client.ClientSecretBasic(resourceServer.clientSecret));
  const { context, page } = await newBrowserContext(browser, spa);
  const { tokens } = await signInAndRedeem(page, config, spa, user);
  await context.close();

  const access = await client.tokenIntrospection(rs, tokens.access_token);
  expect(access).toMatchObject({ active: true, token_type: 'Bearer', sub: user.authId, client_id: spa.clientId, iss: fixtures.issuer });
  expect(access.scope?.split(' ').sort()).toEqual(USER_SCOPES.split(' ').sort());
  expect(access.exp).toBeGreaterThan(Date.now() / 1000);

  const refresh = tokens.refresh_token!;
  expect(await client.tokenIntrospection(rs, refresh)).toMatchObject({ active: true, sub: user.authId, client_id: spa.clientId });
  await client.tokenRevocation(config, refresh, { token_type_hint: 'refresh_token' });
  expect(await client.tokenIntrospection(rs, refresh)).toEqual({ active: false });
  expect(await client.tokenIntrospection(rs, 'not-a-token')).toEqual({ active: false });

  // Only authenticated S2S clients may introspect: not the public SPA, not a wrong secret.
  expect(await failure(client.tokenIntrospection(config, tokens.access_token))).toMatchObject({ status: 401, error: 'invalid_client' });
  const wrong = await configure(resourceServer.clientId, client.ClientSecretBasic(`${resourceServer.clientSecret}x`));
  expect(await failure(client.tokenIntrospection(wrong, tokens.access_token))).toEqual({ status: 401, error: 'invalid_client', challenge: 'basic' });
});

test('client credentials (client_secret_basic and client_secret_post): the token introspects as the client and is accepted at /info', async () => {
  // introspection is open only to root or to apps flagged for it (issue 12 item 8)
  const s2s = await createTestS2s(fixtures, 'client credentials', ['read_user'], { allowIntrospection: true });
  const infoUrl = new URL('/info', fixtures.baseURL);
  for (const [method, auth, wrongAuth] of [
    ['client_secret_basic', client.ClientSecretBasic(s2s.clientSecret), client.ClientSecretBasic(`${s2s.clientSecret}x`)],
    ['client_secret_post', client.ClientSecretPost(s2s.clientSecret), client.ClientSecretPost(`${s2s.clientSecret}x`)],
  ] as const) {
    await test.step(method, async () => {
      const config = await configure(s2s.clientId, auth);
      const tokens = await client.clientCredentialsGrant(config, { scope: 'read_user' });
      expect(tokens.token_type.toLowerCase()).toBe('bearer');
      expect(tokens.scope).toBe('read_user');
      expect(tokens.refresh_token).toBeUndefined();
      expect(tokens.id_token).toBeUndefined();

      expect(await client.tokenIntrospection(config, tokens.access_token)).toMatchObject({
        active: true,
        token_type: 'Bearer',
        client_id: s2s.clientId,
        sub: s2s.clientId,
        scope: 'read_user',
      });

      const info = await client.fetchProtectedResource(config, tokens.access_token, infoUrl, 'GET');
      expect(info.status).toBe(200);
      const body = (await info.json()) as { configs: Record<string, unknown> };
      expect(body.configs.AUTH_SERVER_URL).toBe(fixtures.baseURL);
      expect(body.configs).not.toHaveProperty('SECRET_KEY');

      // The secret is checked whichever way it is sent.
      const wrong = await configure(s2s.clientId, wrongAuth);
      expect(await failure(client.clientCredentialsGrant(wrong, { scope: 'read_user' }))).toMatchObject({ status: 401, error: 'invalid_client' });
    });
  }
  expect((await fetch(infoUrl)).status).toBe(401);
});

test('device flow: openid-client polls while Chromium enters the user code, signs in and consents', async ({ browser }) => {
  const [user, spa] = await Promise.all([createTestUser(fixtures, 'device'), createTestSpa(fixtures, 'device', { allowDeviceFlow: true })]);
  const config = await configure(spa.clientId);

  const device = await client.initiateDeviceAuthorization(config, { scope: USER_SCOPES });
  expect(device.verification_uri).toBe(`${fixtures.baseURL}/identity/v1/device`);
  expect(device.user_code).toMatch(/^[B-DF-HJ-NP-TV-Z]{4}-[B-DF-HJ-NP-TV-Z]{4}$/);
  expect(device.interval).toBe(5);

  let settled = false;
  const polling = client.pollDeviceAuthorizationGrant(config, device, undefined, { signal: AbortSignal.timeout(100_000) });
  polling.then(
    () => (settled = true),
    () => (settled = true),
  );

  const { context, page } = await newBrowserContext(browser, spa);
  await page.goto(device.verification_uri);
  await expect(page.getByRole('heading', { level: 1, name: 'Connect a device' })).toBeVisible();
  const next = page.getByRole('button', { name: 'Continue', exact: true });
  await expect(next).toBeEnabled();
  await page.getByLabel('Code').fill(device.user_code);
  await next.click();
  await signIn(page, user);
  await page.waitForURL(onPath(CONSENT_PATH));
  expect(settled, 'the device must not get tokens before the user approves').toBe(false);
  await allowConsent(page);
  await page.waitForURL(onPath('/identity/v1/device/complete'));
  await expect(page.getByRole('heading', { level: 1, name: 'Device connected' })).toBeVisible();
  await context.close();

  const tokens = await polling;
  expect(tokens.claims()).toMatchObject({ iss: fixtures.issuer, sub: user.authId, aud: spa.clientId });
  expect(tokens.refresh_token).toBeTruthy();
  expect((await client.fetchUserInfo(config, tokens.access_token, user.authId)).email).toBe(user.email);
  // The device code was used up.
  await expect(client.pollDeviceAuthorizationGrant(config, { ...device, interval: 0 })).rejects.toMatchObject({ error: 'invalid_grant' });
});

test('RP-initiated logout: buildEndSessionUrl with id_token_hint, registered post_logout_redirect_uri and state', async ({ browser }) => {
  const [user, spa] = await Promise.all([createTestUser(fixtures, 'logout'), createTestSpa(fixtures, 'logout')]);
  const config = await configure(spa.clientId);
  const { context, page } = await newBrowserContext(browser, spa);
  const { tokens } = await signInAndRedeem(page, config, spa, user);

  const state = client.randomState();
  const endSession = client.buildEndSessionUrl(config, {
    id_token_hint: tokens.id_token!,
    post_logout_redirect_uri: spa.postLogoutRedirectUri,
    state,
  });
  expect(endSession.origin + endSession.pathname).toBe(`${fixtures.baseURL}/oauth2/v1/logout`);
  await page.goto(endSession.href);
  await page.waitForURL(sameResource(spa.postLogoutRedirectUri));
  expect(page.url()).toBe(`${spa.postLogoutRedirectUri}?state=${state}`);

  // The session's refresh tokens were revoked with it.
  await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  // The next authorization asks for credentials again.
  const again = await authorizationRequest(config, spa.redirectUri, USER_SCOPES);
  await page.goto(again.url.href);
  await expect(page).toHaveURL(onPath(SIGN_IN_PATH));
  await expect(page.getByLabel('Password')).toBeVisible();

  // An unregistered post_logout_redirect_uri is never visited: our own signed-out page instead.
  const unregistered = `${spa.postLogoutRedirectUri}-evil`;
  const visited: string[] = [];
  await context.route(
    (url) => url.href.startsWith(unregistered),
    (route) => {
      visited.push(route.request().url());
      return route.abort();
    },
  );
  await page.goto(client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: unregistered, state }).href);
  await page.waitForURL(onPath(LOGGED_OUT_PATH));
  expect(visited).toEqual([]);
  await context.close();
});

test('prompt=none with an SSO session: the code comes back without any hosted page; consent_required for an app not consented to', async ({ browser }) => {
  const [user, spa, other] = await Promise.all([
    createTestUser(fixtures, 'prompt-none'),
    createTestSpa(fixtures, 'prompt-none'),
    createTestSpa(fixtures, 'prompt-none-other'),
  ]);
  const config = await configure(spa.clientId);
  const otherConfig = await configure(other.clientId);
  const { context, page } = await newBrowserContext(browser, spa, other);
  const first = await signInAndRedeem(page, config, spa, user);

  const navigations = recordNavigations(page);
  const silent = await authorizationRequest(config, spa.redirectUri, USER_SCOPES, { prompt: 'none' });
  await page.goto(silent.url.href);
  const callbackUrl = await callback(page, spa);
  expect(hostedPages(navigations)).toEqual([]);
  const tokens = await redeem(config, callbackUrl, silent);
  expect(tokens.claims()).toMatchObject({ sub: user.authId, nonce: silent.nonce, auth_time: first.tokens.claims()!.auth_time });

  // Signed in, but never consented to `other`: prompt=none must not show the consent page either.
  navigations.length = 0;
  const needsConsent = await authorizationRequest(otherConfig, other.redirectUri, USER_SCOPES, { prompt: 'none' });
  await page.goto(needsConsent.url.href);
  const errorCallback = await callback(page, other);
  expect(hostedPages(navigations)).toEqual([]);
  expect(errorCallback.searchParams.get('code')).toBeNull();
  await expect(redeem(otherConfig, errorCallback, needsConsent)).rejects.toMatchObject({ error: 'consent_required' });
  await context.close();
});

test('prompt=none without a session: error=login_required goes back to the client (with state and iss)', async ({ browser }) => {
  const spa = await createTestSpa(fixtures, 'prompt-none-anon');
  const config = await configure(spa.clientId);
  const { context, page } = await newBrowserContext(browser, spa);
  const navigations = recordNavigations(page);

  const request = await authorizationRequest(config, spa.redirectUri, USER_SCOPES, { prompt: 'none' });
  await page.goto(request.url.href);
  const callbackUrl = await callback(page, spa);
  expect(hostedPages(navigations)).toEqual([]);
  expect(callbackUrl.searchParams.get('code')).toBeNull();
  expect(callbackUrl.searchParams.get('state')).toBe(request.state);
  expect(callbackUrl.searchParams.get('iss')).toBe(fixtures.issuer);
  // openid-client checks state and iss before it reports the error.
  await expect(redeem(config, callbackUrl, request)).rejects.toMatchObject({ error: 'login_required' });
  await context.close();
});

test('SSO across apps: a second app gets its code without the sign-in form but with consent; a first-party app without either', async ({ browser }) => {
  // A first-party app (skipConsent) can only be made through the S2S API: `admin` makes it.
  const [user, first, second, admin] = await Promise.all([
    createTestUser(fixtures, 'sso'),
    createTestSpa(fixtures, 'sso-first'),
    createTestSpa(fixtures, 'sso-second'),
    createTestS2s(fixtures, 'app admin', ['write_app']),
  ]);
  const trustedBase = `${fixtures.baseURL}/e2e/interop/sso-first-party-${Date.now().toString(36)}`;
  const created = (await s2sApi(admin, 'POST', '/api/v1/apps', {
    name: 'E2E first-party',
    type: 'spa',
    redirectUris: [`${trustedBase}/callback`],
    postLogoutRedirectUris: [`${trustedBase}/signed-out`],
    skipConsent: true,
  })) as { app: { clientId: string } };
  const trusted: TestSpa = { clientId: created.app.clientId, redirectUri: `${trustedBase}/callback`, postLogoutRedirectUri: `${trustedBase}/signed-out` };

  const { context, page } = await newBrowserContext(browser, first, second, trusted);
  const firstConfig = await configure(first.clientId);
  const firstTokens = (await signInAndRedeem(page, firstConfig, first, user)).tokens.claims()!;

  // Second app: the SSO session signs the user in; consent is still asked (not first-party).
  const secondConfig = await configure(second.clientId);
  const navigations = recordNavigations(page);
  const request = await authorizationRequest(secondConfig, second.redirectUri, USER_SCOPES);
  await page.goto(request.url.href);
  await allowConsent(page);
  const secondTokens = (await redeem(secondConfig, await callback(page, second), request)).claims()!;
  expect(hostedPages(navigations)).toContain(CONSENT_PATH);
  expect(hostedPages(navigations)).not.toContain(SIGN_IN_PATH);
  expect(secondTokens).toMatchObject({ sub: user.authId, aud: second.clientId, auth_time: firstTokens.auth_time, sid: firstTokens.sid });

  // First-party app: neither form.
  navigations.length = 0;
  const trustedConfig = await configure(trusted.clientId);
  const trustedRequest = await authorizationRequest(trustedConfig, trusted.redirectUri, USER_SCOPES);
  await page.goto(trustedRequest.url.href);
  const trustedTokens = (await redeem(trustedConfig, await callback(page, trusted), trustedRequest)).claims()!;
  expect(hostedPages(navigations)).toEqual([]);
  expect(trustedTokens).toMatchObject({ sub: user.authId, aud: trusted.clientId, auth_time: firstTokens.auth_time });
  await context.close();
});
