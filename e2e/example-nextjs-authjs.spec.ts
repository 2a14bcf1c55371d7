// examples/nextjs-authjs (Next.js App Router + Auth.js v5, Tessera as OIDC provider) against the
// suite's Tessera: built once (next build --webpack, skipped while the build is newer than the
// example's sources), started with `next start` on a port of its own. Sign-in with PKCE and
// nonce landing on the custom route /dashboard, the session checked on the server in a Server
// Component and in a route handler (/api/me: 401 / 200), and RP-initiated sign-out that ends the
// Tessera session too.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect as baseExpect, test } from '@playwright/test';
import { createExampleSpa, run, signInOnHostedPage, startProcess, waitForUrl, type ExampleProcess } from './support/examples';
import { loadFixtures, type E2eFixtures, type E2eUser } from './support/fixtures';
import { recordNavigations } from './support/oidc-client';
import { pickPort, ROOT } from './support/server';
import { createTestUser } from './support/users';

test.describe.configure({ timeout: 90_000 });
const expect = baseExpect.configure({ timeout: 15_000 });

const EXAMPLE = path.join(ROOT, 'examples', 'nextjs-authjs');
const NEXT = path.join(ROOT, 'node_modules', '.bin', 'next');

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(entry)
    .filter((child) => child !== '.next' && child !== 'node_modules' && child !== 'next-env.d.ts')
    .reduce((newest, child) => Math.max(newest, newestMtime(path.join(entry, child))), stat.mtimeMs);
}

/**
 * The example's production build. Webpack, not Turbopack: the example has no lockfile of its own
 * here (it uses the repository's node_modules), so Turbopack takes the repository root as its
 * root and also compiles the root app's proxy.ts and instrumentation.ts. Copied out with its
 * own install, the example builds with plain `next build`.
 */
async function buildIfStale(): Promise<void> {
  const buildId = path.join(EXAMPLE, '.next', 'BUILD_ID');
  if (fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs > newestMtime(EXAMPLE)) return;
  const started = Date.now();
  await run(NEXT, ['build', '--webpack'], { cwd: EXAMPLE, env: { NEXT_TELEMETRY_DISABLED: '1' } });
  console.log(`[e2e] examples/nextjs-authjs built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

let fixtures: E2eFixtures;
let user: E2eUser;
let origin: string;
let app: ExampleProcess;

test.beforeAll(async () => {
  test.setTimeout(420_000);
  fixtures = loadFixtures();
  const port = await pickPort();
  origin = `http://localhost:${port}`;
  const [created, testUser] = await Promise.all([
    createExampleSpa(fixtures, {
      name: 'E2E nextjs-authjs',
      redirectUris: [`${origin}/api/auth/callback/tessera`],
      postLogoutRedirectUris: [`${origin}/`],
      rotateRefreshTokens: true,
    }),
    createTestUser(fixtures, 'authjs', 'Next'),
    buildIfStale(),
  ]);
  user = testUser;
  app = startProcess(NEXT, ['start', '-H', 'localhost', '-p', String(port)], {
    cwd: EXAMPLE,
    env: {
      NEXT_TELEMETRY_DISABLED: '1',
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      AUTH_URL: origin,
      AUTH_TRUST_HOST: 'true',
      AUTH_TESSERA_ISSUER: fixtures.issuer,
      AUTH_TESSERA_ID: created.clientId,
      TESSERA_POST_LOGOUT_REDIRECT_URI: `${origin}/`,
    },
  });
  await waitForUrl(`${origin}/api/me`, app);
});

test.afterAll(async () => {
  await app?.stop();
});

test('Auth.js: sign-in lands on /dashboard, the server sees the session (page and route handler), RP-initiated sign-out', async ({ browser }) => {
  const signedOut = await fetch(`${origin}/api/me`);
  expect(signedOut.status).toBe(401);
  const dashboardHtml = await (await fetch(`${origin}/dashboard`)).text();
  expect(dashboardHtml).toContain('Sign in to see your dashboard.');
  expect(dashboardHtml).not.toContain('Signed in as');

  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const navigations = recordNavigations(page);
  await page.goto(origin);
  await expect(page.getByRole('status')).toHaveText('Signed out');
  await page.getByRole('button', { name: 'Sign in with Tessera' }).click();
  await signInOnHostedPage(page, user, (url) => url.origin === origin && url.pathname === '/dashboard');
  await expect(page.getByRole('status')).toHaveText(`Signed in as ${user.email}`);
  const authorize = navigations.find((url) => url.pathname === '/oauth2/v1/authorize')!;
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('nonce')).toBeTruthy();
  expect(authorize.searchParams.get('redirect_uri')).toBe(`${origin}/api/auth/callback/tessera`);

  const me = await page.request.get(`${origin}/api/me`);
  expect(me.status()).toBe(200);
  expect(((await me.json()) as { user: { email: string } }).user.email).toBe(user.email);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('status')).toHaveText('Signed out');
  expect(page.url()).toBe(`${origin}/`);
  const logout = navigations.find((url) => url.origin === fixtures.baseURL && url.pathname === '/oauth2/v1/logout')!;
  expect(logout.searchParams.get('id_token_hint')).toBeTruthy();
  expect(logout.searchParams.get('post_logout_redirect_uri')).toBe(`${origin}/`);
  expect((await page.request.get(`${origin}/api/me`)).status()).toBe(401);

  // the Tessera session ended too: signing in again asks for the password
  await page.getByRole('button', { name: 'Sign in with Tessera' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/identity/v1/sign-in');
  await context.close();
});
