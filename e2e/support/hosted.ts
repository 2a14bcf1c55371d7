// Helpers for the hosted credential flows (sign-up, verification, reset, passwordless, invitation):
// an authorization request from a minimal relying party (PKCE S256, callback intercepted, code
// redeemed at the token endpoint), the dev outbox (GET /dev/outbox.json?to=…) for codes and links,
// extra servers with their own variables, and direct SQL for states a browser cannot reach
// quickly (an expired request).
import { createHash, randomBytes } from 'node:crypto';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import pg from 'pg';
import { urlFor } from '../../scripts/embedded-db.mjs';
import { cli, startServer, stopServer } from './server';

export interface RelyingParty {
  baseURL: string;
  clientId: string;
  redirectUri: string;
  cliEnv: Record<string, string>;
}

export interface PendingAuthorization {
  url: string;
  verifier: string;
  state: string;
}

export function authorizationRequest(rp: RelyingParty, extra: Record<string, string> = {}): PendingAuthorization {
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(12).toString('base64url');
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: rp.clientId,
    redirect_uri: rp.redirectUri,
    scope: 'openid profile',
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...extra,
  });
  return { url: `${rp.baseURL}/oauth2/v1/authorize?${params}`, verifier, state };
}

/** Answers navigations to the redirect URI with a stub page (the relying party's side). */
export async function interceptCallback(context: BrowserContext, rp: RelyingParty): Promise<void> {
  await context.route(
    (url) => `${url.origin}${url.pathname}` === rp.redirectUri,
    (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><html lang="en"><title>Callback</title><main><h1>Callback</h1></main></html>' }),
  );
}

const isCallbackOf = (rp: RelyingParty) => (url: URL) => `${url.origin}${url.pathname}` === rp.redirectUri;

/**
 * Waits for the callback (allowing the consent page on the way: a new user has not consented),
 * checks state, redeems the code; returns the ID token's claims.
 */
export async function finishAtCallback(page: Page, rp: RelyingParty, pending: PendingAuthorization): Promise<Record<string, unknown>> {
  await page.waitForURL((url) => isCallbackOf(rp)(url) || url.pathname === '/identity/v1/consent', { timeout: 20_000 });
  if (new URL(page.url()).pathname === '/identity/v1/consent') {
    const allow = page.getByTestId('consent-form').getByRole('button', { name: /^(Allow|允许)$/ });
    await expect(allow).toBeEnabled();
    await allow.click();
  }
  await page.waitForURL(isCallbackOf(rp), { timeout: 20_000 });
  const callback = new URL(page.url());
  expect(callback.searchParams.get('state')).toBe(pending.state);
  const code = callback.searchParams.get('code');
  expect(code, `callback without a code: ${callback}`).toBeTruthy();
  const response = await fetch(`${rp.baseURL}/oauth2/v1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: code!, code_verifier: pending.verifier, client_id: rp.clientId, redirect_uri: rp.redirectUri }),
  });
  expect(response.status).toBe(200);
  const tokens = (await response.json()) as { id_token: string };
  return JSON.parse(Buffer.from(tokens.id_token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

export interface OutboxEmail {
  to: string;
  subject: string;
  text: string;
  createdAt: string;
}

/** The newest email to `to` created after `since` (ms), waiting for it (it may be sent after the response). */
export async function waitForEmail(baseURL: string, to: string, since = 0, timeoutMs = 15_000): Promise<OutboxEmail> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(`${baseURL}/dev/outbox.json?to=${encodeURIComponent(to)}&channel=email`);
    const messages = (await response.json()) as OutboxEmail[];
    const fresh = messages.find((message) => Date.parse(message.createdAt) >= since);
    if (fresh) return fresh;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no email to ${to} since ${new Date(since).toISOString()}`);
}

export async function emailCount(baseURL: string, to: string): Promise<number> {
  const response = await fetch(`${baseURL}/dev/outbox.json?to=${encodeURIComponent(to)}&channel=email`);
  return ((await response.json()) as OutboxEmail[]).length;
}

export function codeIn(email: OutboxEmail): string {
  const code = /(?<!\d)(\d{6})(?!\d)/.exec(email.text)?.[1];
  if (!code) throw new Error(`no 6-digit code in "${email.subject}"`);
  return code;
}

export function linkIn(email: OutboxEmail, pathname: string): string {
  const link = email.text
    .match(/https?:\/\/\S+/g)
    ?.map((raw) => raw.replace(/[.,)]+$/, ''))
    .find((raw) => new URL(raw).pathname === pathname);
  if (!link) throw new Error(`no ${pathname} link in "${email.subject}"`);
  return link;
}

/** A server of the spec's own, with `env` on top of the suite's variables, and a SPA client. */
export async function startOwnServer(name: string, env: Record<string, string>): Promise<RelyingParty & { stop: () => Promise<void> }> {
  const server = await startServer({ name, env });
  try {
    const redirectUri = `${server.baseURL}/e2e/callback`;
    const app = await cli(server.cliEnv, ['app', 'create', '--name', `E2E ${name}`, '--type', 'spa', '--redirect-uri', redirectUri]);
    return { baseURL: server.baseURL, clientId: String(app.clientId), redirectUri, cliEnv: server.cliEnv, stop: () => stopServer(server.state) };
  } catch (error) {
    await stopServer(server.state);
    throw error;
  }
}

/** Runs one SQL statement on the server's database (embedded PGlite or DATABASE_URL). */
export async function sql(cliEnv: Record<string, string>, text: string, values: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: cliEnv.DATABASE_URL || urlFor(Number(cliEnv.EMBEDDED_DB_PORT)) });
  await client.connect();
  try {
    await client.query(text, values);
  } finally {
    await client.end();
  }
}

/** A fresh address for one test. */
export function newAddress(label: string): string {
  return `e2e-${label}-${randomBytes(4).toString('hex')}@example.com`;
}

export const STRONG_PASSWORD = () => `Pw-7${randomBytes(9).toString('base64url')}!`;
