// Issue 12 item 1 over HTTP: a user cannot put someone else's tenant into their tokens. The full
// authorize → sign-in → token flow runs through the real route handlers with ?org=<other tenant>,
// and the decoded access and ID tokens name only an org the user belongs to.
import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GET as authorizeGET } from '@/app/oauth2/v1/authorize/route';
import { POST as tokenPOST } from '@/app/oauth2/v1/token/route';
import { POST as passwordPOST } from '@/app/identity/v1/authorize-password/route';
import { POST as policyPOST } from '@/app/identity/v1/policy/[action]/route';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { REQUEST_COOKIE_PREFIX } from '@/lib/flow';
import { authorizeParams, makePkce, makeSpaApp, makeUser } from '@/lib/testing/factories';

const BASE = 'http://localhost:3999';

beforeEach(() =>
  overrideConfigForTesting({
    enableOrg: true,
    allowUserSwitchOrgOnSignIn: false,
    enableUserAppConsent: false,
    blockedPolicies: [],
    emailVerificationMode: 'none',
    otpMfaIsRequired: false,
    emailMfaIsRequired: false,
    smsMfaIsRequired: false,
    enforceOneMfaEnrollment: [],
  }),
);
afterEach(() => resetConfigForTesting());

async function tenants() {
  const suffix = randomUUID().slice(0, 8);
  const own = await db.org.create({ data: { name: `Own ${suffix}`, slug: `own-${suffix}` } });
  const other = await db.org.create({ data: { name: `Other ${suffix}`, slug: `other-${suffix}` } });
  const user = await makeUser();
  await db.userOrg.create({ data: { userId: user.id, orgId: own.id } });
  await db.user.update({ where: { id: user.id }, data: { activeOrgId: own.id } });
  return { own, other, user };
}

/** The browser's request: authorize (GET) → its hosted page, with the request's binding cookie. */
async function authorize(app: { clientId: string; redirectUri: string }, extra: Record<string, string>) {
  const pkce = makePkce();
  const response = await authorizeGET(new NextRequest(`${BASE}/oauth2/v1/authorize?${authorizeParams(app, pkce, extra)}`));
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location')!);
  const requestId = location.searchParams.get('request')!;
  const cookie = response.headers.getSetCookie().map((raw) => raw.split(';')[0]).find((pair) => pair.includes(REQUEST_COOKIE_PREFIX))!;
  expect(requestId && cookie, location.toString()).toBeTruthy();
  return { pkce, requestId, cookie };
}

async function postJson(handler: (request: NextRequest) => Promise<Response>, path: string, cookie: string, body: unknown) {
  const response = await handler(
    new NextRequest(`${BASE}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: BASE, cookie }, body: JSON.stringify(body) }),
  );
  return { status: response.status, body: (await response.json()) as { redirectTo?: string; error?: string; code?: string } };
}

async function redeem(redirectTo: string, verifier: string) {
  const code = new URL(redirectTo).searchParams.get('code');
  expect(code, redirectTo).toBeTruthy();
  const response = await tokenPOST(
    new NextRequest(`${BASE}/oauth2/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: code!, code_verifier: verifier }).toString(),
    }),
  );
  expect(response.status).toBe(200);
  const tokens = (await response.json()) as { access_token: string; id_token: string; refresh_token?: string };
  return { access: decodeJwt(tokens.access_token), id: decodeJwt(tokens.id_token), refreshToken: tokens.refresh_token };
}

async function signInFlow(user: { email: string | null; password: string }, extra: Record<string, string>) {
  const app = await makeSpaApp({ skipConsent: true });
  const { pkce, requestId, cookie } = await authorize(app, extra);
  const signedIn = await postJson(passwordPOST, '/identity/v1/authorize-password', cookie, { requestId, email: user.email, password: user.password });
  expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);
  return redeem(signedIn.body.redirectTo!, pkce.verifier);
}

describe('issue 12 item 1: the org claim is not forgeable', () => {
  it("issue 12 item 1: /authorize?org=<another tenant> never reaches a token; the user's active org is used instead", async () => {
    const { own, other, user } = await tenants();
    const tokens = await signInFlow(user, { org: other.slug });
    expect(tokens.access.org).toBe(own.slug);
    expect(tokens.id.org).toBe(own.slug);
    // Nowhere in either token.
    expect(JSON.stringify(tokens)).not.toContain(other.slug);
  });

  it('issue 12 item 1: an unknown org and a branding-only org never reach a token; a member org does', async () => {
    const { own, user } = await tenants();
    const theme = await db.org.create({ data: { name: `Theme ${own.slug}`, slug: `theme-${own.slug}`, onlyUseForBrandingOverride: true } });
    await db.userOrg.create({ data: { userId: user.id, orgId: theme.id } });
    expect((await signInFlow(user, { org: `nobody-${own.slug}` })).access.org).toBe(own.slug);
    expect((await signInFlow(user, { org: theme.slug })).access.org).toBe(own.slug);
    const second = await db.org.create({ data: { name: `Second ${own.slug}`, slug: `second-${own.slug}` } });
    await db.userOrg.create({ data: { userId: user.id, orgId: second.id } });
    const member = await signInFlow(user, { org: second.slug });
    expect(member.access.org).toBe(second.slug);
    expect(member.id.org).toBe(second.slug);
  });

  it('issue 12 item 1: a user without an org gets no org claim for a forged one', async () => {
    const { other } = await tenants();
    const loner = await makeUser();
    const tokens = await signInFlow(loner, { org: other.slug });
    expect(tokens.access.org).toBeUndefined();
    expect(tokens.id.org).toBeUndefined();
  });

  it('issue 12 item 1: with ENABLE_ORG off no token carries an org, not even a membership', async () => {
    overrideConfigForTesting({ enableOrg: false });
    const { own, user } = await tenants();
    const tokens = await signInFlow(user, { org: own.slug });
    expect(tokens.access.org).toBeUndefined();
    expect(tokens.id.org).toBeUndefined();
  });

  it("issue 12 item 1: change_org refuses another tenant's org", async () => {
    const { own, other, user } = await tenants();
    const app = await makeSpaApp({ skipConsent: true });
    const { pkce, requestId, cookie } = await authorize(app, { policy: 'change_org' });
    const signedIn = await postJson(passwordPOST, '/identity/v1/authorize-password', cookie, { requestId, email: user.email, password: user.password });
    expect(new URL(signedIn.body.redirectTo!).pathname).toBe('/identity/v1/change-org');
    const change = (org: string) =>
      postJson((request) => policyPOST(request, { params: Promise.resolve({ action: 'change-org' }) }), '/identity/v1/policy/change-org', cookie, { requestId, org });
    const forged = await change(other.slug);
    expect(forged.status).toBe(400);
    expect(forged.body.code ?? forged.body.error).toBe('org_not_available');
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).activeOrgId).toBe(own.id);
    const chosen = await change(own.slug);
    expect(chosen.status).toBe(200);
    expect((await redeem(chosen.body.redirectTo!, pkce.verifier)).access.org).toBe(own.slug);
  });
});
