import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET as jwksGET, OPTIONS as jwksOPTIONS } from '@/app/well-known/jwks.json/route';
import { GET as discoveryGET, OPTIONS as discoveryOPTIONS } from '@/app/well-known/openid-configuration/route';
import { OPTIONS as tokenOPTIONS, POST as tokenPOST } from '@/app/oauth2/v1/token/route';
import { GET as userinfoGET, OPTIONS as userinfoOPTIONS } from '@/app/oauth2/v1/userinfo/route';
import { OPTIONS as revokeOPTIONS, POST as revokePOST } from '@/app/oauth2/v1/revoke/route';
import { OPTIONS as logoutOPTIONS, POST as logoutPOST } from '@/app/identity/v1/logout/route';
import { db } from '@/lib/db';
import { makeSpaApp } from '@/lib/testing/factories';
import { clearCorsCacheForTesting } from './cors';

const ISSUER = 'http://localhost:3999';

beforeEach(() => clearCorsCacheForTesting());
afterEach(() => vi.useRealTimers());

const originOf = (uri: string) => new URL(uri).origin;

function tokenRequest(origin?: string) {
  return tokenPOST(
    new NextRequest(`${ISSUER}/oauth2/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(origin ? { origin } : {}) },
      body: 'grant_type=refresh_token&refresh_token=unknown',
    }),
  );
}

function preflight(handler: (request: NextRequest) => Promise<Response>, path: string, origin: string) {
  return handler(
    new NextRequest(`${ISSUER}${path}`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    }),
  );
}

function expectNoCors(response: Response) {
  expect(response.headers.get('access-control-allow-origin')).toBeNull();
  expect(response.headers.get('access-control-allow-methods')).toBeNull();
}

describe('CORS for app endpoints (token, userinfo, revoke, Melody logout)', () => {
  it('echoes the origin of an active app’s redirect URI, varies on Origin and never allows credentials', async () => {
    const app = await makeSpaApp({ redirectUris: ['https://spa.example.test:8443/auth/callback'] });
    const response = await tokenRequest('https://spa.example.test:8443');
    expect(response.status).toBe(400);
    expect(response.headers.get('access-control-allow-origin')).toBe(originOf(app.redirectUri));
    expect(response.headers.get('vary')).toMatch(/Origin/);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(((await response.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('gives a foreign origin no CORS headers, but the request itself is answered as for any caller', async () => {
    await makeSpaApp({ redirectUris: ['https://spa2.example.test/callback'] });
    for (const origin of ['https://evil.example.test', 'https://spa2.example.test.evil.example', 'http://spa2.example.test', 'null']) {
      const response = await tokenRequest(origin);
      expectNoCors(response);
      expect(response.headers.get('vary')).toMatch(/Origin/);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toBe('invalid_grant');
    }
  });

  it('does not allow the origin of an inactive app', async () => {
    const app = await makeSpaApp({ redirectUris: ['https://inactive.example.test/callback'] });
    await db.app.update({ where: { clientId: app.clientId }, data: { isActive: false } });
    expectNoCors(await tokenRequest('https://inactive.example.test'));
  });

  it('answers preflights from allowed origins with methods and headers, and others with bare 204s', async () => {
    await makeSpaApp({ redirectUris: ['https://pre.example.test/cb'] });
    const allowed = await preflight(tokenOPTIONS, '/oauth2/v1/token', 'https://pre.example.test');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://pre.example.test');
    expect(allowed.headers.get('access-control-allow-methods')).toBe('POST');
    expect(allowed.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    expect(allowed.headers.get('vary')).toMatch(/Origin/);

    const userinfo = await preflight(userinfoOPTIONS, '/oauth2/v1/userinfo', 'https://pre.example.test');
    expect(userinfo.headers.get('access-control-allow-methods')).toBe('GET, POST');

    const refused = await preflight(tokenOPTIONS, '/oauth2/v1/token', 'https://other.example.test');
    expect(refused.status).toBe(204);
    expectNoCors(refused);
  });

  it('lets a browser read userinfo errors from an allowed origin', async () => {
    await makeSpaApp({ redirectUris: ['https://ui.example.test/cb'] });
    const response = await userinfoGET(new NextRequest(`${ISSUER}/oauth2/v1/userinfo`, { headers: { origin: 'https://ui.example.test' } }));
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://ui.example.test');
  });

  it('covers revocation and Melody’s logout call: preflight and answer', async () => {
    await makeSpaApp({ redirectUris: ['https://sdk.example.test/cb'] });
    for (const [options, post, path] of [
      [revokeOPTIONS, revokePOST, '/oauth2/v1/revoke'],
      [logoutOPTIONS, logoutPOST, '/identity/v1/logout'],
    ] as const) {
      const allowed = await preflight(options, path, 'https://sdk.example.test');
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://sdk.example.test');
      expect(allowed.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type');
      const response = await post(
        new NextRequest(`${ISSUER}${path}`, {
          method: 'POST',
          headers: { origin: 'https://sdk.example.test', 'content-type': 'application/x-www-form-urlencoded' },
          body: 'token=x',
        }),
      );
      expect(response.status).toBe(401);
      expect(response.headers.get('access-control-allow-origin')).toBe('https://sdk.example.test');
      expectNoCors(await preflight(options, path, 'https://evil.example.test'));
    }
  });

  it('caches the allowed origins for 30 s: a deactivated app’s origin is refused after that', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const app = await makeSpaApp({ redirectUris: ['https://first.example.test/cb'] });
    expect((await preflight(tokenOPTIONS, '/oauth2/v1/token', 'https://first.example.test')).headers.get('access-control-allow-origin')).toBeTruthy();
    await db.app.update({ where: { clientId: app.clientId }, data: { isActive: false } });
    expect((await preflight(tokenOPTIONS, '/oauth2/v1/token', 'https://first.example.test')).headers.get('access-control-allow-origin')).toBe(
      'https://first.example.test',
    );
    vi.setSystemTime(Date.now() + 31_000);
    expectNoCors(await preflight(tokenOPTIONS, '/oauth2/v1/token', 'https://first.example.test'));
  });

  it('picks up a newly registered app’s origin at once: a missing origin reloads the set, at most once a second', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    await makeSpaApp({ redirectUris: ['https://known.example.test/cb'] });
    expect((await preflight(tokenOPTIONS, '/oauth2/v1/token', 'https://known.example.test')).headers.get('access-control-allow-origin')).toBeTruthy();
    await makeSpaApp({ redirectUris: ['https://new.example.test/cb'] });
    // within a second of the last load a miss does not reload (a flood of foreign origins costs one query a second)
    expectNoCors(await preflight(tokenOPTIONS, '/oauth2/v1/token', 'https://new.example.test'));
    vi.setSystemTime(Date.now() + 1_100);
    expect((await preflight(tokenOPTIONS, '/oauth2/v1/token', 'https://new.example.test')).headers.get('access-control-allow-origin')).toBe('https://new.example.test');
    const reloads = vi.spyOn(db.app, 'findMany');
    vi.setSystemTime(Date.now() + 1_100);
    expectNoCors(await preflight(tokenOPTIONS, '/oauth2/v1/token', 'https://evil.example.test'));
    expectNoCors(await preflight(tokenOPTIONS, '/oauth2/v1/token', 'https://evil2.example.test'));
    expect(reloads).toHaveBeenCalledTimes(1);
    reloads.mockRestore();
  });
});

describe('CORS for public documents (discovery, JWKS)', () => {
  it('allows any origin with * and no credentials, and answers preflights', async () => {
    for (const response of [await discoveryGET(), await jwksGET()]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
    for (const response of [await discoveryOPTIONS(), await jwksOPTIONS()]) {
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-methods')).toBe('GET');
    }
  });
});
