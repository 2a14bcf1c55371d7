// Issue 12 item 15 over HTTP: /authorize requests without a usable session are rate-limited per
// client IP, since each one becomes a sign-in row until it expires (a flood would fill the table).
import { randomUUID } from 'node:crypto';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GET as authorizeGET } from '@/app/oauth2/v1/authorize/route';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { authorizeParams, makePkce, makeSpaApp } from '@/lib/testing/factories';

const BASE = 'http://localhost:3999';

beforeEach(() => overrideConfigForTesting({ trustedProxyHeader: 'x-forwarded-for', authorizeIpThreshold: 3 }));
afterEach(() => resetConfigForTesting());

/** A fresh /authorize from `ip`, as a browser without an SSO session sends it. */
async function authorizeFrom(app: { clientId: string; redirectUri: string }, ip: string) {
  const response = await authorizeGET(
    new NextRequest(`${BASE}/oauth2/v1/authorize?${authorizeParams(app, makePkce(), {})}`, { headers: { 'x-forwarded-for': ip } }),
  );
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location')!);
}

describe('issue 12 item 15: /authorize without a session is rate-limited per IP', () => {
  it('a client flooding /authorize gets the too_many_requests page after the threshold, with no row written; another IP is not affected', async () => {
    const app = await makeSpaApp();
    const attacker = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    const before = await db.authorizationRequest.count({ where: { appId: app.id } });

    const answers = [];
    for (let attempt = 0; attempt < 5; attempt++) answers.push(await authorizeFrom(app, attacker));
    expect(answers.slice(0, 3).map((location) => location.pathname)).toEqual(Array(3).fill('/identity/v1/sign-in'));
    for (const refused of answers.slice(3)) {
      expect(refused.pathname).toBe('/identity/v1/error');
      expect(refused.searchParams.get('code')).toBe('too_many_requests');
    }
    expect(await db.authorizationRequest.count({ where: { appId: app.id } })).toBe(before + 3);

    const bystander = `2001:db8:${randomUUID().slice(0, 4)}::1`;
    expect((await authorizeFrom(app, bystander)).pathname).toBe('/identity/v1/sign-in');
  });

  it('AUTHORIZE_IP_THRESHOLD=0 turns the limit off', async () => {
    overrideConfigForTesting({ trustedProxyHeader: 'x-forwarded-for', authorizeIpThreshold: 0 });
    const app = await makeSpaApp();
    const ip = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    for (let attempt = 0; attempt < 5; attempt++) expect((await authorizeFrom(app, ip)).pathname).toBe('/identity/v1/sign-in');
  });
});
