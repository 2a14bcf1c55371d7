import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { overrideConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { REQUEST_COOKIE_PREFIX } from '@/lib/flow';
import { signInWithPassword } from '@/lib/identity/sign-in';
import { signInMachine } from '@/lib/sign-in/machine';
import { startAuthorization } from '@/lib/sign-in/start';
import { ACCESS_TOKEN_TYPE, signJwt } from '@/lib/oauth/jwt';
import { handleTokenRequest } from '@/lib/oauth/token-endpoint';
import { authorizeParams, makePkce, makeS2sApp, makeSpaApp, makeUser } from '@/lib/testing/factories';
import { authenticateS2sToken } from './guard';

beforeAll(() => overrideConfigForTesting({ enableUserAppConsent: false }));

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

/** A client_credentials token of a new S2S app holding `appScopes`, asking for `scope`. */
async function s2sToken(appScopes: string[], scope = appScopes.join(' ')) {
  const app = await makeS2sApp(appScopes);
  const tokens = await handleTokenRequest(new URLSearchParams({ grant_type: 'client_credentials', scope }), basic(app.clientId, app.clientSecret));
  return { app, token: tokens.access_token };
}

/** A user's access token from the real sign-in flow at a SPA. */
async function spaUserToken() {
  const app = await makeSpaApp();
  const user = await makeUser();
  const pkce = makePkce();
  const started = await startAuthorization(authorizeParams(app, pkce), {});
  const browser = {
    machine: signInMachine,
    requestId: new URL(started.location).searchParams.get('request')!,
    bindingSecret: started.cookies.find((cookie) => cookie.name.startsWith(REQUEST_COOKIE_PREFIX))!.value,
    userAgent: 'vitest',
    ip: '',
  };
  const done = await signInWithPassword(browser, { email: user.email!, password: user.password });
  const code = new URL(done.location).searchParams.get('code')!;
  return (await handleTokenRequest(new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: pkce.verifier }), null)).access_token;
}

describe('S2S guard', () => {
  it('accepts an active S2S app with any scope, and reports its app and scopes', async () => {
    const { app, token } = await s2sToken(['read_user']);
    const caller = await authenticateS2sToken(token);
    expect(caller.app.clientId).toBe(app.clientId);
    expect(caller.scopes).toEqual(['read_user']);
  });

  it('counts only the scopes the app still holds', async () => {
    const { app, token } = await s2sToken(['read_user', 'write_user']);
    await db.appScope.deleteMany({ where: { app: { clientId: app.clientId }, scope: { name: 'write_user' } } });
    expect((await authenticateS2sToken(token)).scopes).toEqual(['read_user']);
  });

  it('refuses a token of a SPA (a user token) with 403', async () => {
    await expect(authenticateS2sToken(await spaUserToken())).rejects.toMatchObject({ code: 's2s_app_required', status: 403 });
  });

  it('refuses malformed, forged and expired tokens with 401', async () => {
    const { token, app } = await s2sToken(['read_user']);
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    const expired = await signJwt(
      { sub: app.clientId, azp: app.clientId, client_id: app.clientId, scope: 'read_user', jti: randomUUID() },
      { type: ACCESS_TOKEN_TYPE, expiresIn: 60, now: Math.floor(Date.now() / 1000) - 3600 },
    );
    for (const bad of ['garbage', forged, expired]) {
      await expect(authenticateS2sToken(bad)).rejects.toMatchObject({ code: 'invalid_token', status: 401 });
    }
  });

  it('refuses the tokens of a deactivated or deleted app with 401', async () => {
    const disabled = await s2sToken(['read_user']);
    await db.app.update({ where: { clientId: disabled.app.clientId }, data: { isActive: false } });
    await expect(authenticateS2sToken(disabled.token)).rejects.toMatchObject({ code: 'invalid_token', status: 401 });
    const deleted = await s2sToken(['read_user']);
    await db.app.delete({ where: { clientId: deleted.app.clientId } });
    await expect(authenticateS2sToken(deleted.token)).rejects.toMatchObject({ code: 'invalid_token', status: 401 });
  });
});
