// Pre-hooks (issue #17 point 5): a deployer's code hook or HTTP hook vetoes sign-up, sign-in,
// token issuance and user updates with a localized message, or adds token claims; the HTTP hook is
// signed like a webhook (checked here with the standardwebhooks verifier) and fails closed or open.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt } from 'jose';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { callApi, s2sToken } from '@/lib/api/testing';
import { updateUserRoute } from '@/lib/api/routes/users';
import { config, loadConfig, overrideConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { signInWithPassword } from '@/lib/identity/sign-in';
import { signUp } from '@/lib/identity/sign-up';
import { handleTokenRequest } from '@/lib/oauth/token-endpoint';
import { issueUserTokens, makeS2sApp, makeSpaApp, makeUser } from '@/lib/testing/factories';
import { startFlow } from '@/lib/testing/flows';
import { setHooksForTesting } from './index';

const original = config();
const SECRET = `whsec_${Buffer.from('0123456789abcdef01234567').toString('base64')}`;

let server: http.Server;
let hookUrl: string;
let answer: { status: number; body: unknown; delayMs?: number } = { status: 200, body: { decision: 'allow' } };
let calls: { type: string; data: Record<string, unknown>; verified: boolean }[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let verified = true;
      let payload: { type: string; data: Record<string, unknown> } = { type: '', data: {} };
      try {
        payload = new Webhook(SECRET).verify(body, request.headers as Record<string, string>) as typeof payload;
      } catch {
        verified = false;
      }
      calls.push({ type: payload.type, data: payload.data, verified });
      setTimeout(() => {
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(answer.body));
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  calls = [];
  answer = { status: 200, body: { decision: 'allow' } };
  overrideConfigForTesting({ ...original, enableUserAppConsent: false, hookSecret: SECRET, hookTimeoutMs: 500, hookFailureMode: 'closed' });
});

afterEach(() => {
  setHooksForTesting(undefined);
  overrideConfigForTesting({ ...original });
  vi.restoreAllMocks();
});

const useHttpHook = (point: keyof typeof original.hookUrls) => overrideConfigForTesting({ hookUrls: { ...original.hookUrls, [point]: hookUrl } });

describe('before sign-in', () => {
  it('a code hook that denies stops the sign-in with its message in the page\'s language: no session, no sign-in event', async () => {
    const user = await makeUser({ email: `blocked-${Date.now()}@example.test` });
    const seen: unknown[] = [];
    setHooksForTesting({
      beforeSignIn(event) {
        seen.push(event);
        if (event.user.email?.startsWith('blocked-')) return { deny: true, message: { en: 'Your account is under review.', fr: 'Votre compte est en cours de vérification.' } };
      },
    });
    const browser = await startFlow({ params: { locale: 'fr' } });
    const error = await signInWithPassword(browser, { email: user.email!, password: user.password }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'hook_denied', status: 403, message: 'Votre compte est en cours de vérification.' });
    expect(seen).toEqual([expect.objectContaining({ method: 'password', locale: 'fr', user: expect.objectContaining({ authId: user.id }) })]);
    expect(await db.ssoSession.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.event.count({ where: { type: 'identity.auth.login.succeeded', data: { path: ['authId'], equals: user.id } } })).toBe(0);

    const allowed = await makeUser();
    const outcome = await signInWithPassword(await startFlow(), { email: allowed.email!, password: allowed.password });
    expect(outcome.location).toContain('code=');
  });

  it('an HTTP hook is signed like a webhook; its denial without a message gets the localized default', async () => {
    useHttpHook('before_sign_in');
    answer = { status: 200, body: { decision: 'deny' } };
    const user = await makeUser();
    const error = await signInWithPassword(await startFlow({ params: { locale: 'de' } }), { email: user.email!, password: user.password }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'hook_denied', message: 'Ihre Anfrage wurde durch die Richtlinie dieses Dienstes abgelehnt.' });
    expect(calls).toEqual([{ type: 'hook.before_sign_in', verified: true, data: expect.objectContaining({ method: 'password', user: expect.objectContaining({ authId: user.id }) }) }]);
  });

  it('a hook that fails refuses with HOOK_FAILURE_MODE=closed and lets the sign-in through with open', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    useHttpHook('before_sign_in');
    const user = await makeUser();
    for (const failure of [{ status: 200, body: { decision: 'deny' }, delayMs: 1500 }, { status: 500, body: {} }, { status: 200, body: ['nonsense'] }]) {
      answer = failure;
      await expect(signInWithPassword(await startFlow(), { email: user.email!, password: user.password })).rejects.toMatchObject({ code: 'hook_denied' });
    }
    overrideConfigForTesting({ hookFailureMode: 'open' });
    answer = { status: 503, body: {} };
    const outcome = await signInWithPassword(await startFlow(), { email: user.email!, password: user.password });
    expect(outcome.location).toContain('code=');
  });
});

describe('before sign-up, user update and token issuance', () => {
  it('a denied sign-up creates no account', async () => {
    setHooksForTesting({ beforeSignUp: (event) => (event.email.endsWith('@competitor.example') ? { deny: true, message: 'Sign-ups from this domain are closed.' } : undefined) });
    const email = `spy-${Date.now()}@competitor.example`;
    await expect(signUp(await startFlow(), { email, password: 'Strong-Pass-1', firstName: 'A', lastName: 'B' })).rejects.toMatchObject({
      code: 'hook_denied',
      message: 'Sign-ups from this domain are closed.',
    });
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it('a denied update answers 403 hook_denied through the API and changes nothing', async () => {
    setHooksForTesting({ beforeUserUpdate: ({ changes }) => (changes.isActive === false ? { deny: true, message: 'Deactivation goes through HR.' } : undefined) });
    const user = await makeUser();
    const token = await s2sToken(['read_user', 'write_user']);
    const refused = await callApi(updateUserRoute, { token, params: { authId: user.id }, body: { isActive: false } });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'hook_denied', message: 'Deactivation goes through HR.' });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).isActive).toBe(true);
    expect((await callApi(updateUserRoute, { token, params: { authId: user.id }, body: { firstName: 'Renamed' } })).status).toBe(200);
  });

  it('before token issuance: claims join the access token (reserved ones dropped); a denial is access_denied at the token endpoint', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    setHooksForTesting({
      beforeTokenIssued: (event) => (event.user ? { allow: true, claims: { tier: 'gold', sub: 'forged', roles: ['super_admin'] } } : { deny: true, message: 'No machine tokens today.' }),
    });
    const user = await makeUser();
    const { tokens } = await issueUserTokens(await makeSpaApp({ skipConsent: true }), user);
    const claims = decodeJwt(tokens.access_token);
    expect(claims).toMatchObject({ tier: 'gold', sub: user.id, roles: [] });

    const app = await makeS2sApp(['read_user']);
    const basic = `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`;
    await expect(handleTokenRequest(new URLSearchParams({ grant_type: 'client_credentials' }), basic)).rejects.toMatchObject({
      code: 'access_denied',
      message: 'No machine tokens today.',
    });
  });
});

describe('configuration', () => {
  const base = { SECRET_KEY: 'k'.repeat(64) };
  it('an HTTP hook needs HOOK_SECRET, https in production, and a valid failure mode', () => {
    expect(() => loadConfig({ ...base, HOOK_BEFORE_SIGN_IN_URL: 'https://hooks.example.test/in' })).toThrow(/HOOK_SECRET: required/);
    expect(() => loadConfig({ ...base, HOOK_SECRET: 'not-a-secret' })).toThrow(/HOOK_SECRET/);
    expect(() =>
      loadConfig({ ...base, ENVIRONMENT: 'prod', AUTH_SERVER_URL: 'https://auth.example.test', DATABASE_URL: 'postgresql://u@db.example.test/x', HOOK_SECRET: SECRET, HOOK_BEFORE_TOKEN_ISSUED_URL: 'http://hooks.example.test/in' }),
    ).toThrow(/HOOK_BEFORE_TOKEN_ISSUED_URL: must use https/);
    expect(() => loadConfig({ ...base, HOOK_FAILURE_MODE: 'sometimes' })).toThrow(/HOOK_FAILURE_MODE/);
    const loaded = loadConfig({ ...base, HOOK_SECRET: SECRET, HOOK_BEFORE_SIGN_UP_URL: 'http://127.0.0.1:9/x', HOOK_FAILURE_MODE: 'open' });
    expect(loaded).toMatchObject({ hookFailureMode: 'open', hookTimeoutMs: 3000, hookUrls: { before_sign_up: 'http://127.0.0.1:9/x', before_sign_in: '' } });
  });
});
