// The fast front of npm run serve (scripts/serve.mjs + lib/http/oauth-endpoints) against Next's route
// handlers: two servers of one deployment (one PostgreSQL database, secret key and issuer; the
// embedded database is a single session, which two servers cannot share) — one answers the hot
// OAuth endpoints itself, the other runs with SERVE_FAST_FRONT=off, so Next's router and App Router
// adapter answer them. Every request below is sent to both, and the answers must be
// the same: status, every header line but Date (names, values, order), and the body, where fresh
// tokens are compared by their JWT header and the names of their claims.
import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { createTestS2s, createTestSpa, type TestS2s, type TestSpa } from './support/apps';
import { signInOnHostedPage } from './support/examples';
import type { E2eFixtures, E2eUser } from './support/fixtures';
import { startServer, stopServer, type StartedServer } from './support/server';
import { createUser } from './support/users';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

interface RawAnswer {
  status: number;
  /** [name, value] in the order sent, Date left out. */
  headers: [string, string][];
  body: string;
}

function send(baseURL: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<RawAnswer> {
  const url = new URL(path, baseURL);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers: { 'x-request-id': 'fast-front-parity', ...headers }, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const pairs: [string, string][] = [];
          for (let i = 0; i < response.rawHeaders.length; i += 2) pairs.push([response.rawHeaders[i]!.toLowerCase(), response.rawHeaders[i + 1]!]);
          const raw = Buffer.concat(chunks);
          const encoding = response.headers['content-encoding'];
          const body = encoding === 'gzip' ? zlib.gunzipSync(raw) : encoding === 'br' ? zlib.brotliDecompressSync(raw) : raw;
          resolve({ status: response.statusCode ?? 0, headers: pairs.filter(([name]) => name !== 'date'), body: body.toString('utf8') });
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const decodePart = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

/** Fresh values out: a JWT becomes its header and its claim names; an opaque refresh token, its length. */
function comparable(body: string): unknown {
  if (!body) return '';
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return body;
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return json;
  return Object.fromEntries(
    Object.entries(json).map(([key, value]) => {
      if (typeof value === 'string' && JWT.test(value)) {
        const [header, payload] = value.split('.');
        return [key, { jwtHeader: decodePart(header!), claims: Object.keys(decodePart(payload!)).sort() }];
      }
      if (key === 'refresh_token' && typeof value === 'string') return [key, `opaque(${value.length})`];
      return [key, value];
    }),
  );
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const basic = (client: TestS2s, secret = client.clientSecret) => ({ authorization: `Basic ${Buffer.from(`${client.clientId}:${secret}`).toString('base64')}` });

let fastServer: StartedServer | undefined;
let nextPath: StartedServer | undefined;

test.afterAll(async () => {
  if (nextPath) await stopServer(nextPath.state);
  if (fastServer) await stopServer(fastServer.state);
});

test.describe('fast front ↔ Next route handlers', () => {
  let fast: string;
  let viaNext: string;
  let s2s: TestS2s;
  let spa: TestSpa;
  let user: E2eUser;

  /** Sends the same request to both servers and expects the same answer; returns the fast one. */
  async function same(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<RawAnswer> {
    const [a, b] = await Promise.all([send(fast, method, path, headers, body), send(viaNext, method, path, headers, body)]);
    const label = `${method} ${path}`;
    expect(a.status, label).toBe(b.status);
    expect(a.headers, label).toEqual(b.headers);
    expect(comparable(a.body), label).toEqual(comparable(b.body));
    return a;
  }

  /** Signs the primary user in on the suite's server and returns an authorization code for `spa`. */
  async function authorizationCode(page: Page, verifier: string): Promise<string> {
    const params = new URLSearchParams({
      response_type: 'code',
      client_id: spa.clientId,
      redirect_uri: spa.redirectUri,
      scope: 'openid profile offline_access',
      state: randomBytes(8).toString('hex'),
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    const atCallback = (url: URL) => `${url.origin}${url.pathname}` === spa.redirectUri;
    await page.context().route((url) => atCallback(url), (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>cb</title>' }));
    await page.goto(`${fast}/oauth2/v1/authorize?${params}`);
    if (new URL(page.url()).pathname === '/identity/v1/sign-in') await signInOnHostedPage(page, user, atCallback);
    await page.waitForURL(atCallback, { timeout: 20_000 });
    return new URL(page.url()).searchParams.get('code')!;
  }

  test.beforeAll(async () => {
    test.setTimeout(300_000); // two production servers, then the CLI
    fastServer = await startServer({ name: 'fast-front', postgres: true });
    fast = fastServer.baseURL;
    nextPath = await startServer({ name: 'next-path', env: { SERVE_FAST_FRONT: 'off' }, shareDatabaseOf: fastServer.cliEnv });
    viaNext = nextPath.baseURL;
    const fixtures = { baseURL: fast, cliEnv: fastServer.cliEnv } as E2eFixtures;
    user = await createUser(fastServer.cliEnv, 'parity');
    s2s = await createTestS2s(fixtures, 'fast front parity', ['root']); // introspection needs root (or the app's allowIntrospection)
    spa = await createTestSpa(fixtures, 'fast-front');
  });

  test('discovery, JWKS and their preflights', async () => {
    const discovery = await same('GET', '/.well-known/openid-configuration');
    expect(discovery.status).toBe(200);
    expect(JSON.parse(discovery.body).issuer).toBe(fast);
    expect((await same('GET', '/.well-known/jwks.json')).status).toBe(200);
    const preflight = { origin: 'https://anywhere.example', 'access-control-request-method': 'GET' };
    expect((await same('OPTIONS', '/.well-known/openid-configuration', preflight)).status).toBe(204);
    expect((await same('OPTIONS', '/.well-known/jwks.json', preflight)).status).toBe(204);
    // compressed as Next compresses
    const gzipped = await same('GET', '/.well-known/openid-configuration', { 'accept-encoding': 'gzip' });
    expect(gzipped.headers).toContainEqual(['content-encoding', 'gzip']);
    await same('GET', '/.well-known/jwks.json', { 'accept-encoding': 'br, gzip' });
    // what the front does not answer goes to Next on both
    await same('HEAD', '/.well-known/jwks.json');
    await same('POST', '/.well-known/jwks.json');
  });

  test('token endpoint: client credentials, and its errors', async () => {
    const granted = await same('POST', '/oauth2/v1/token', { ...FORM, ...basic(s2s) }, form({ grant_type: 'client_credentials', scope: 'root' }));
    expect(granted.status).toBe(200);
    await same('POST', '/oauth2/v1/token', { ...FORM, ...basic(s2s), 'accept-encoding': 'gzip' }, form({ grant_type: 'client_credentials', scope: 'root' }));
    expect((await same('POST', '/oauth2/v1/token', { ...FORM, ...basic(s2s, 'wrong') }, form({ grant_type: 'client_credentials' }))).status).toBe(401);
    expect((await same('POST', '/oauth2/v1/token', { 'content-type': 'application/json' }, '{}')).status).toBe(400);
    expect((await same('POST', '/oauth2/v1/token', FORM, form({ grant_type: 'password', username: 'a', password: 'b' }))).status).toBe(400);
    // a body over the path's limit (64 KiB) is refused before the app runs
    expect((await same('POST', '/oauth2/v1/token', FORM, form({ grant_type: 'client_credentials', pad: 'x'.repeat(70_000) }))).status).toBe(413);
    expect((await same('POST', '/oauth2/v1/token', FORM, '')).status).toBe(400);
    await same('GET', '/oauth2/v1/token');
    await same('POST', '/oauth2/v1/token/', FORM, form({ grant_type: 'client_credentials' }));
  });

  test('CORS: an app origin is echoed, a foreign one is not, preflights alike', async () => {
    const appOrigin = new URL(spa.redirectUri).origin;
    for (const origin of [appOrigin, 'https://foreign.example']) {
      for (const path of ['/oauth2/v1/token', '/oauth2/v1/userinfo', '/oauth2/v1/revoke', '/oauth2/v1/introspect']) {
        await same('OPTIONS', path, { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' });
      }
      const answer = await same('POST', '/oauth2/v1/token', { ...FORM, origin }, form({ grant_type: 'refresh_token', refresh_token: 'nope', client_id: spa.clientId }));
      expect(answer.status).toBe(400);
      expect(answer.headers.some(([name, value]) => name === 'access-control-allow-origin' && value === appOrigin)).toBe(origin === appOrigin);
    }
  });

  test('authorization code, refresh, userinfo, introspection and revocation', async ({ page }) => {
    const s2sToken = JSON.parse((await send(fast, 'POST', '/oauth2/v1/token', { ...FORM, ...basic(s2s) }, form({ grant_type: 'client_credentials', scope: 'root' }))).body).access_token as string;

    // one code per adapter (a code is single-use): both redemptions must look alike
    const verifiers = [randomBytes(32).toString('base64url'), randomBytes(32).toString('base64url')];
    const codes = [await authorizationCode(page, verifiers[0]!), await authorizationCode(page, verifiers[1]!)];
    const redeem = (base: string, i: number) =>
      send(base, 'POST', '/oauth2/v1/token', FORM, form({ grant_type: 'authorization_code', code: codes[i]!, code_verifier: verifiers[i]!, client_id: spa.clientId, redirect_uri: spa.redirectUri }));
    const [viaFast, viaNextPath] = await Promise.all([redeem(fast, 0), redeem(viaNext, 1)]);
    expect(viaFast.status).toBe(200);
    expect(viaFast.status).toBe(viaNextPath.status);
    expect(viaFast.headers).toEqual(viaNextPath.headers);
    expect(comparable(viaFast.body)).toEqual(comparable(viaNextPath.body));
    const userTokens = JSON.parse(viaFast.body) as { access_token: string; refresh_token: string };
    const otherTokens = JSON.parse(viaNextPath.body) as { access_token: string; refresh_token: string };

    const refresh = (base: string, token: string) => send(base, 'POST', '/oauth2/v1/token', FORM, form({ grant_type: 'refresh_token', refresh_token: token, client_id: spa.clientId }));
    const [refreshedFast, refreshedNext] = await Promise.all([refresh(fast, userTokens.refresh_token), refresh(viaNext, otherTokens.refresh_token)]);
    expect(refreshedFast.status).toBe(200);
    expect(refreshedFast.headers).toEqual(refreshedNext.headers);
    expect(comparable(refreshedFast.body)).toEqual(comparable(refreshedNext.body));

    const bearer = { authorization: `Bearer ${userTokens.access_token}` };
    expect((await same('GET', '/oauth2/v1/userinfo', bearer)).status).toBe(200);
    expect((await same('POST', '/oauth2/v1/userinfo', bearer)).status).toBe(200);
    expect((await same('GET', '/oauth2/v1/userinfo')).status).toBe(401);
    expect((await same('GET', '/oauth2/v1/userinfo', { authorization: 'Bearer not.a.token' })).status).toBe(401);
    await same('GET', '/oauth2/v1/userinfo', { authorization: `Bearer ${s2sToken}` });

    const introspected = await same('POST', '/oauth2/v1/introspect', { ...FORM, ...basic(s2s) }, form({ token: userTokens.access_token }));
    expect(JSON.parse(introspected.body).active).toBe(true);
    expect((await same('POST', '/oauth2/v1/introspect', FORM, form({ token: userTokens.access_token }))).status).toBe(401);
    expect((await same('POST', '/oauth2/v1/introspect', { ...FORM, ...basic(s2s) }, form({ token: 'garbage' }))).status).toBe(200);

    expect((await same('POST', '/oauth2/v1/revoke', FORM, form({ token: 'garbage', client_id: spa.clientId }))).status).toBe(200);
    expect((await same('POST', '/oauth2/v1/revoke', { 'content-type': 'text/plain' }, 'token=x')).status).toBe(400);
    // revoked on the fast front, refused by both
    expect((await send(fast, 'POST', '/oauth2/v1/revoke', FORM, form({ token: userTokens.refresh_token, client_id: spa.clientId }))).status).toBe(200);
    expect((await same('POST', '/oauth2/v1/token', FORM, form({ grant_type: 'refresh_token', refresh_token: userTokens.refresh_token, client_id: spa.clientId }))).status).toBe(400);
  });
});
