// GET /info through the real route handler: the S2S guard's statuses and a body without secrets.
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { config, overrideConfigForTesting } from '@/lib/config';
import { ACCESS_TOKEN_TYPE, signJwt } from '@/lib/oauth/jwt';
import { handleTokenRequest } from '@/lib/oauth/token-endpoint';
import { makeS2sApp, makeSpaApp } from '@/lib/testing/factories';
import { GET } from './route';

const DATABASE_URL = 'postgresql://tessera:info-db-password@db.internal:5432/tessera';

beforeAll(() => overrideConfigForTesting({ databaseUrl: DATABASE_URL, enableSignUp: false }));

function info(authorization?: string) {
  return GET(new NextRequest('http://localhost:3999/info', { headers: authorization ? { authorization } : {} }));
}

async function s2sToken(scopes: string[]) {
  const app = await makeS2sApp(scopes);
  const basic = `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`;
  return (await handleTokenRequest(new URLSearchParams({ grant_type: 'client_credentials', scope: scopes.join(' ') }), basic)).access_token;
}

describe('GET /info', () => {
  it('answers an S2S token with any scope with the effective configs, and no secret', async () => {
    const response = await info(`Bearer ${await s2sToken(['read_org'])}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    const body = JSON.parse(text) as { configs: Record<string, unknown> };
    expect(body.configs).toMatchObject({ AUTH_SERVER_URL: 'http://localhost:3999', ENABLE_SIGN_UP: false, SUPPORTED_LOCALES: ['en', 'zh-CN', 'fr', 'de', 'es', 'ja', 'pt-BR', 'it'] });
    expect(Object.keys(body.configs)).not.toContain('SECRET_KEY');
    expect(Object.keys(body.configs)).not.toContain('DATABASE_URL');
    expect(text).not.toContain(config().secretKey);
    expect(text).not.toContain('info-db-password');
  });

  it.each([
    ['no Authorization header', undefined],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['a malformed token', 'Bearer not-a-jwt'],
  ])('answers 401 with a Bearer challenge for %s', async (_name, authorization) => {
    const response = await info(authorization);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    expect(await response.json()).toMatchObject({ error: 'invalid_token' });
  });

  it("answers 403 to a token of a SPA app", async () => {
    const spa = await makeSpaApp();
    const token = await signJwt(
      { sub: spa.clientId, azp: spa.clientId, client_id: spa.clientId, scope: 'openid', jti: 'spa-token' },
      { type: ACCESS_TOKEN_TYPE, expiresIn: 60 },
    );
    const response = await info(`Bearer ${token}`);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 's2s_app_required' });
  });
});
