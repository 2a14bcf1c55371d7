// Test helpers for the hosted sign-in flows: a started request as a browser sees it, and the codes
// and links the dev outbox captured.
import { expect } from 'vitest';
import { listOutbox } from '@/lib/dev-outbox';
import { REQUEST_COOKIE_PREFIX, type FlowContext, type FlowOutcome } from '@/lib/flow';
import { SSO_COOKIE } from '@/lib/identity/cookies';
import { browserContext } from '@/lib/sign-in/hosted';
import { startAuthorization } from '@/lib/sign-in/start';
import { authorizeParams, makePkce, makeSpaApp } from './factories';

export type TestBrowser = FlowContext & { requestId: string; app: Awaited<ReturnType<typeof makeSpaApp>>; started: FlowOutcome };

/** The browser context of a request that a start (authorize, device page) left at a hosted step. */
export function browserFrom(started: FlowOutcome, meta: { ip?: string; cookie?: (name: string) => string | undefined } = {}): FlowContext & { requestId: string } {
  const requestId = new URL(started.location).searchParams.get('request') ?? '';
  const bindingSecret = started.cookies.find((cookie) => cookie.name.startsWith(REQUEST_COOKIE_PREFIX))?.value;
  return { ...browserContext({ requestId, bindingSecret }, { userAgent: 'vitest', ip: meta.ip ?? '', cookie: meta.cookie }), requestId };
}

/** A new request at `app` (a new SPA app by default), from a fresh browser. */
export async function startFlow(options: { app?: Awaited<ReturnType<typeof makeSpaApp>>; params?: Record<string, string>; ip?: string } = {}): Promise<TestBrowser> {
  const app = options.app ?? (await makeSpaApp({ skipConsent: true }));
  const started = await startAuthorization(authorizeParams(app, makePkce(), options.params), {});
  expect(new URL(started.location).searchParams.get('request'), `the flow did not stop at a step: ${started.location}`).toBeTruthy();
  return { ...browserFrom(started, { ip: options.ip }), app, started };
}

export const pathOf = (outcome: FlowOutcome | { redirectTo: string }) => new URL('location' in outcome ? outcome.location : outcome.redirectTo).pathname;

export const ssoTokenOf = (outcome: FlowOutcome) => outcome.cookies.find((cookie) => cookie.name === SSO_COOKIE)?.value;

/** The newest email to `to` (optionally with a subject matching `subject`), or undefined. */
export async function lastEmail(to: string, subject?: RegExp) {
  const messages = await listOutbox({ to, channel: 'email' });
  return messages.find((message) => !subject || subject.test(message.subject));
}

/** The 6-digit code of the newest email to `to`. */
export async function lastCode(to: string): Promise<string> {
  const message = await lastEmail(to);
  const code = message ? /(?<!\d)(\d{6})(?!\d)/.exec(message.text)?.[1] : undefined;
  if (!code) throw new Error(`no code emailed to ${to}`);
  return code;
}

/** The first link under `path` in the newest email to `to`. */
export async function lastLink(to: string, path: string): Promise<URL> {
  const message = await lastEmail(to);
  const link = message?.text.match(/https?:\/\/\S+/g)?.map((raw) => new URL(raw.replace(/[.,)]+$/, ''))).find((url) => url.pathname === path);
  if (!link) throw new Error(`no ${path} link emailed to ${to}`);
  return link;
}
