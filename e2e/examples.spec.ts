// The example apps of examples/ against the suite's Tessera, so none can rot:
//   - react-spa (oidc-client-ts, built with Vite) calling express-api (jose): PKCE sign-in, the
//     API's 200/401/403 (issuer, audience, scope and role checks), silent refresh picking up a
//     new role, sign-out through the end-session endpoint;
//   - s2s-script: client credentials (openid-client) and every user page by page; the curl script;
//     the same with an API key (TESSERA_API_KEY, X-API-Key), refused once the key is revoked;
//   - migrate-from-clerk: a Clerk-style CSV with bcrypt digests imported in batches with progress,
//     then imported users sign in with their old passwords.
// The snippets these examples run are the dashboard's (lib/integration/snippets.ts).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect as baseExpect, test, type BrowserContext } from '@playwright/test';
import bcrypt from 'bcryptjs';
import { adminApi, type AdminApi } from './support/admin-api';
import { createTestS2s } from './support/apps';
import {
  buildDir,
  buildViteExample,
  createExampleSpa,
  serveStatic,
  signInOnHostedPage,
  startProcess,
  waitForUrl,
  type ExampleProcess,
  type StaticSite,
} from './support/examples';
import { loadFixtures, type E2eFixtures, type E2eUser } from './support/fixtures';
import { authorizationRequest, finishAtCallback, interceptCallback, newAddress, STRONG_PASSWORD } from './support/hosted';
import { recordNavigations } from './support/oidc-client';
import { pickPort, ROOT } from './support/server';
import { createTestUser } from './support/users';

test.describe.configure({ timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 15_000 });
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

let fixtures: E2eFixtures;
let api: AdminApi;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  fixtures = loadFixtures();
  api = await adminApi(fixtures);
});

test.describe.serial('react-spa (oidc-client-ts) with express-api (jose)', () => {
  const reportsScope = 'read:reports';
  const adminRole = `e2e-api-admin-${Date.now().toString(36)}`;
  let site: StaticSite;
  let server: ExampleProcess;
  let apiUrl: string;
  let clientId: string;
  let user: E2eUser;
  let context: BrowserContext;

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000); // builds and CLI fixtures: slow on a loaded machine
    const scope = await api.call('POST', '/api/v1/scopes', { name: reportsScope, type: 'spa' });
    expect([201, 409]).toContain(scope.status); // 409: a retry of this group
    expect((await api.call('POST', '/api/v1/roles', { name: adminRole })).status).toBe(201);
    user = await createTestUser(fixtures, 'react-spa', 'Oidc');

    const dir = buildDir('react-spa');
    site = await serveStatic(dir);
    apiUrl = `http://localhost:${await pickPort()}`;
    const app = await createExampleSpa(fixtures, {
      name: 'E2E react-spa',
      redirectUris: [`${site.origin}/callback`],
      postLogoutRedirectUris: [`${site.origin}/`],
      rotateRefreshTokens: true,
      scopes: ['openid', 'profile', 'offline_access', reportsScope],
    });
    clientId = app.clientId;
    server = startProcess(TSX, ['examples/express-api/server.ts'], {
      env: { TESSERA_ISSUER: fixtures.issuer, TESSERA_AUDIENCE: clientId, CORS_ORIGIN: site.origin, ADMIN_ROLE: adminRole, PORT: new URL(apiUrl).port },
    });
    await Promise.all([
      buildViteExample('react-spa', dir, {
        VITE_TESSERA_ISSUER: fixtures.issuer,
        VITE_TESSERA_CLIENT_ID: clientId,
        VITE_TESSERA_REDIRECT_URI: `${site.origin}/callback`,
        VITE_TESSERA_POST_LOGOUT_REDIRECT_URI: `${site.origin}/`,
        VITE_API_URL: apiUrl,
      }),
      waitForUrl(`${apiUrl}/api/health`, server),
    ]);
    context = await browser.newContext({ locale: 'en-US' });
  });
  test.afterAll(async () => {
    await context?.close();
    await site?.close();
    await server?.stop();
  });

  test('PKCE sign-in, the API answers 200 / 403, silent refresh brings a new role, sign-out ends the Tessera session', async () => {
    const page = await context.newPage();
    const navigations = recordNavigations(page);
    await page.goto(site.origin);
    await expect(page.getByRole('status')).toHaveText('Signed out');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await signInOnHostedPage(page, user, (url) => url.origin === site.origin);
    await expect(page.getByRole('status')).toHaveText(`Signed in as ${user.email}`);
    expect(page.url()).toBe(`${site.origin}/`);
    const authorize = navigations.find((url) => url.pathname === '/oauth2/v1/authorize')!;
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);

    const answer = page.getByTestId('api-answer');
    await page.getByRole('button', { name: 'Call /api/me' }).click();
    await expect(answer).toContainText(`/api/me: 200 {"sub":"${user.authId}"`);
    await page.getByRole('button', { name: 'Call /api/admin' }).click();
    await expect(answer).toHaveText(`/api/admin: 403 {"error":"forbidden","role":"${adminRole}"}`);

    // the role is given; the next access token (silent renew with the refresh token) carries it
    expect((await api.call('PUT', `/api/v1/users/${user.authId}`, { roles: [adminRole] })).status).toBe(200);
    const tokenId = page.getByTestId('token-id');
    const before = await tokenId.textContent();
    await page.getByRole('button', { name: 'Refresh now' }).click();
    await expect(tokenId).not.toHaveText(before!);
    await expect(page.getByTestId('roles')).toHaveText(adminRole);
    await page.getByRole('button', { name: 'Call /api/admin' }).click();
    await expect(answer).toHaveText(`/api/admin: 200 {"admin":true,"sub":"${user.authId}"}`);

    const stored = await page.evaluate(() => {
      const key = Object.keys(localStorage).find((name) => name.startsWith('oidc.user:'))!;
      return JSON.parse(localStorage.getItem(key)!) as { refresh_token: string };
    });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('status')).toHaveText('Signed out');
    const logout = navigations.find((url) => url.pathname === '/oauth2/v1/logout')!;
    expect(logout.searchParams.get('id_token_hint')).toBeTruthy();
    expect(logout.searchParams.get('post_logout_redirect_uri')).toBe(`${site.origin}/`);
    const refresh = await fetch(new URL('/oauth2/v1/token', fixtures.baseURL), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: stored.refresh_token, client_id: clientId }),
    });
    expect(refresh.status).toBe(400);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/identity/v1/sign-in'); // no Tessera session left
    await page.close();
  });

  test('the API refuses a missing, malformed or foreign token (401) and a token without its scope (403)', async () => {
    const call = async (pathname: string, token?: string) => {
      const response = await fetch(`${apiUrl}${pathname}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      return { status: response.status, challenge: response.headers.get('www-authenticate'), body: (await response.json()) as Record<string, unknown> };
    };
    expect((await call('/api/health')).status).toBe(200);
    expect(await call('/api/me')).toEqual({ status: 401, challenge: 'Bearer realm="api"', body: { error: 'unauthorized' } });
    expect(await call('/api/me', 'not.a.jwt')).toMatchObject({ status: 401, challenge: 'Bearer realm="api", error="invalid_token"' });

    // another app's token (audience: that S2S app) is not for this API
    const s2s = await createTestS2s(fixtures, 'api-foreign', ['read_user']);
    const s2sToken = await fetch(new URL('/oauth2/v1/token', fixtures.baseURL), {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${s2s.clientId}:${s2s.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'read_user' }),
    }).then(async (response) => ((await response.json()) as { access_token: string }).access_token);
    expect(await call('/api/me', s2sToken)).toMatchObject({ status: 401, body: { error: 'invalid_token' } });

    // the user's tokens for this app, with and without read:reports (redirect intercepted: the code is redeemed here)
    const rp = { baseURL: fixtures.baseURL, clientId, redirectUri: `${site.origin}/callback`, cliEnv: fixtures.cliEnv };
    const tokenFor = async (scope: string) => {
      const browserContext = await context.browser()!.newContext({ locale: 'en-US' });
      await interceptCallback(browserContext, rp);
      const page = await browserContext.newPage();
      const pending = authorizationRequest(rp, { scope });
      await page.goto(pending.url);
      await signInOnHostedPage(page, user, (url) => url.origin === site.origin);
      const code = new URL(page.url()).searchParams.get('code')!;
      const response = await fetch(new URL('/oauth2/v1/token', fixtures.baseURL), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: pending.verifier, client_id: clientId, redirect_uri: rp.redirectUri }),
      });
      await browserContext.close();
      return ((await response.json()) as { access_token: string }).access_token;
    };
    const withoutScope = await tokenFor('openid profile');
    expect(await call('/api/me', withoutScope)).toMatchObject({ status: 200, body: { sub: user.authId, scope: 'openid profile' } });
    expect(await call('/api/reports', withoutScope)).toEqual({
      status: 403,
      challenge: `Bearer realm="api", error="insufficient_scope", scope="${reportsScope}"`,
      body: { error: 'insufficient_scope', scope: reportsScope },
    });
    const withScope = await tokenFor(`openid ${reportsScope}`);
    expect(await call('/api/reports', withScope)).toMatchObject({ status: 200, body: { for: user.authId } });
  });
});

test('s2s-script: client credentials, then every user page by page; the curl variant', async () => {
  const s2s = await createTestS2s(fixtures, 's2s-example', ['read_user']);
  const env = { TESSERA_ISSUER: fixtures.issuer, TESSERA_CLIENT_ID: s2s.clientId, TESSERA_CLIENT_SECRET: s2s.clientSecret, TESSERA_SCOPE: 'read_user', PAGE_SIZE: '2' };
  const total = ((await api.call<{ count: number }>('GET', '/api/v1/users?page_size=1')).body).count;
  expect(total).toBeGreaterThan(2);

  const listing = await runCaptured(TSX, ['examples/s2s-script/list-users.ts'], env);
  expect(listing.code).toBe(0);
  const lines = listing.stdout.trim().split('\n');
  expect(lines).toHaveLength(total);
  expect(new Set(lines.map((line) => line.split('\t')[0])).size).toBe(total);
  expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${fixtures.users.primary.authId}\\t${fixtures.users.primary.email}\\tAda`)));
  expect(listing.stderr).toContain(`page 1: 2 of ${total} users`);
  expect(listing.stderr).toContain(`page ${Math.ceil(total / 2)}: ${total} of ${total} users`);

  const curl = await runCaptured('sh', ['examples/s2s-script/list-users.sh'], env);
  expect(curl.code).toBe(0);
  const page = JSON.parse(curl.stdout) as { users: { authId: string }[]; count: number };
  expect(page.count).toBe(total);
  expect(page.users.length).toBe(Math.min(20, total));

  // without the secret the token request fails, and so does the script
  const refused = await runCaptured('sh', ['examples/s2s-script/list-users.sh'], { ...env, TESSERA_CLIENT_SECRET: 'wrong' });
  expect(refused.code).not.toBe(0);
});

test('s2s-script with an API key: every user page by page, the curl variant, and a revoked key stops it', async () => {
  const created = await api.call<{ apiKey: { id: string }; key: string }>('POST', '/api/v1/api-keys', { name: 's2s-example key', scopes: ['read_user'] });
  expect(created.status).toBe(201);
  const env = { TESSERA_ISSUER: fixtures.issuer, TESSERA_API_KEY: created.body.key, PAGE_SIZE: '2' };
  const total = ((await api.call<{ count: number }>('GET', '/api/v1/users?page_size=1')).body).count;

  const listing = await runCaptured(TSX, ['examples/s2s-script/list-users.ts'], env);
  expect(listing.code, listing.stderr).toBe(0);
  const lines = listing.stdout.trim().split('\n');
  expect(lines).toHaveLength(total);
  expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${fixtures.users.primary.authId}\\t${fixtures.users.primary.email}\\tAda`)));
  expect(listing.stderr).toContain(`page ${Math.ceil(total / 2)}: ${total} of ${total} users`);

  const curl = await runCaptured('sh', ['examples/s2s-script/list-users-api-key.sh'], env);
  expect(curl.code).toBe(0);
  expect((JSON.parse(curl.stdout) as { count: number }).count).toBe(total);

  expect((await api.call('POST', `/api/v1/api-keys/${created.body.apiKey.id}/revoke`)).status).toBe(200);
  const revoked = await runCaptured(TSX, ['examples/s2s-script/list-users.ts'], env);
  expect(revoked.code).not.toBe(0);
  expect(revoked.stderr).toContain('401');
  expect(revoked.stderr).toContain('api_key_revoked');
});

test('migrate-from-clerk: bcrypt users imported in batches with progress, then they sign in with their old passwords', async ({ browser }) => {
  const s2s = await createTestS2s(fixtures, 'clerk-import', ['write_user']);
  const people = [
    { id: 'user_a1', first: 'Grace', last: 'Hopper', email: newAddress('clerk-grace'), password: STRONG_PASSWORD() },
    { id: 'user_a2', first: 'Ada, Countess', last: 'Lovelace', email: newAddress('clerk-ada'), password: STRONG_PASSWORD() },
    { id: 'user_a3', first: 'Alan', last: 'Turing', email: newAddress('clerk-alan'), password: STRONG_PASSWORD() },
  ];
  const header = 'id,first_name,last_name,username,primary_email_address,primary_phone_number,verified_email_addresses,unverified_email_addresses,verified_phone_numbers,unverified_phone_numbers,totp_secret,password_digest,password_hasher';
  const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const rows = people.map((person) =>
    [person.id, person.first, person.last, '', person.email, '', person.email, '', '', '', '', bcrypt.hashSync(person.password, 4), 'bcrypt'].map(quote).join(','),
  );
  rows.push(['user_a4', 'No', 'Email', '', '', '', '', '', '', '', '', '', ''].join(','));
  rows.push(['user_a5', 'Already', 'Here', '', fixtures.users.primary.email, '', '', '', '', '', '', '', ''].join(','));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-clerk-'));
  const csv = path.join(dir, 'export.csv');
  fs.writeFileSync(csv, `${header}\n${rows.join('\n')}\n`);

  const imported = await runCaptured(TSX, ['examples/migrate-from-clerk/import-users.ts', csv], {
    TESSERA_ISSUER: fixtures.issuer,
    TESSERA_CLIENT_ID: s2s.clientId,
    TESSERA_CLIENT_SECRET: s2s.clientSecret,
    BATCH_SIZE: '2',
  });
  expect(imported.code, imported.stderr).toBe(0);
  expect(imported.stderr).toContain('line 5: no primary email address, not imported');
  expect(imported.stderr).toContain('[2/4] 50% — created 2, skipped 0, failed 0');
  expect(imported.stderr).toContain(`line 6: ${fixtures.users.primary.email} skipped`);
  expect(imported.stderr).toContain('[4/4] 100% — created 3, skipped 1, failed 0');
  const idMap = fs.readFileSync(path.join(dir, 'id-map.csv'), 'utf8').trim().split('\n');
  expect(idMap[0]).toBe('clerk_id,tessera_auth_id');
  expect(idMap.slice(1).map((line) => line.split(',')[0])).toEqual(['user_a1', 'user_a2', 'user_a3']);
  fs.rmSync(dir, { recursive: true, force: true });

  for (const person of people.slice(0, 2)) {
    const context = await browser.newContext({ locale: 'en-US' });
    const rp = { baseURL: fixtures.baseURL, clientId: fixtures.clientId, redirectUri: fixtures.redirectUri, cliEnv: fixtures.cliEnv };
    await interceptCallback(context, rp);
    const page = await context.newPage();
    const pending = authorizationRequest(rp);
    await page.goto(pending.url);
    await signInOnHostedPage(page, person, (url) => url.href.startsWith(rp.redirectUri));
    const claims = await finishAtCallback(page, rp, pending);
    expect(claims).toMatchObject({ email: person.email, given_name: person.first, family_name: person.last, email_verified: true });
    await context.close();
  }
});

async function runCaptured(command: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
