import { decodeJwt } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleTokenRequest } from '@/lib/oauth/token-endpoint';
import { verifyAccessToken } from '@/lib/oauth/jwt';
import { issueUserTokens, makeS2sApp, makeSpaApp, makeUser } from '@/lib/testing/factories';
import { RESERVED_CLAIMS, setHooksForTesting, type TesseraHooks } from './index';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

async function clientCredentials(scope = 'read_user') {
  const app = await makeS2sApp(['read_user', 'write_user']);
  const tokens = await handleTokenRequest(new URLSearchParams({ grant_type: 'client_credentials', scope }), basic(app.clientId, app.clientSecret));
  return { app, tokens };
}

async function userTokens() {
  const app = await makeSpaApp({ skipConsent: true });
  const user = await makeUser({ firstName: 'Ada' });
  const { tokens } = await issueUserTokens(app, user);
  return { app, user, tokens };
}

function use(hooks: TesseraHooks) {
  setHooksForTesting(hooks);
}

afterEach(() => {
  setHooksForTesting(undefined);
  vi.restoreAllMocks();
});

describe('claim hooks', () => {
  it('add claims to client_credentials access tokens, with the app and scopes as context', async () => {
    const customizeAccessTokenClaims = vi.fn((context: Parameters<NonNullable<TesseraHooks['customizeAccessTokenClaims']>>[0]) => ({
      tenant: `t-${context.app.clientId.slice(0, 4)}`,
      features: ['a', 'b'],
      nested: { level: 2 },
      dropped: undefined,
    }));
    use({ customizeAccessTokenClaims });
    const { app, tokens } = await clientCredentials();
    const claims = await verifyAccessToken(tokens.access_token);
    expect(claims).toMatchObject({ tenant: `t-${app.clientId.slice(0, 4)}`, features: ['a', 'b'], nested: { level: 2 }, sub: app.clientId, scope: 'read_user' });
    expect(claims).not.toHaveProperty('dropped');
    expect(customizeAccessTokenClaims).toHaveBeenCalledWith({
      grantType: 'client_credentials',
      app: { id: app.id, clientId: app.clientId, name: 'Test S2S', type: 's2s' },
      user: null,
      roles: [],
      scopes: ['read_user'],
      orgSlug: '',
    });
  });

  it('add claims to user access and ID tokens, with the user and grant type as context (code and refresh)', async () => {
    const seen: string[] = [];
    use({
      customizeAccessTokenClaims: (context) => {
        seen.push(`access:${context.grantType}`);
        return { department: context.user ? `dept-of-${context.user.firstName}` : null };
      },
      customizeIdTokenClaims: (context) => {
        seen.push(`id:${context.grantType}`);
        return { picture: `https://img.example.test/${context.user.authId}.png` };
      },
    });
    const { user, tokens } = await userTokens();
    expect(await verifyAccessToken(tokens.access_token)).toMatchObject({ sub: user.id, department: 'dept-of-Ada' });
    const idClaims = decodeJwt(tokens.id_token!);
    expect(idClaims).toMatchObject({ sub: user.id, picture: `https://img.example.test/${user.id}.png`, email: user.email });
    expect(idClaims).not.toHaveProperty('department');

    const refreshed = await handleTokenRequest(new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! }), null);
    expect(decodeJwt(refreshed.access_token)).toMatchObject({ department: 'dept-of-Ada' });
    expect(seen).toEqual(['access:authorization_code', 'id:authorization_code', 'access:refresh_token', 'id:refresh_token']);
  });

  it('cannot set or override registered, protocol or existing claims (dropped, with a warning)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const attempt = {
      iss: 'https://evil.example',
      sub: 'someone-else',
      aud: 'other-api',
      exp: 9999999999,
      nbf: 0,
      iat: 1,
      jti: 'fixed',
      scope: 'root',
      azp: 'other',
      client_id: 'other',
      auth_time: 1,
      nonce: 'forged',
      roles: ['super_admin'],
      email: 'admin@example.test',
      sid: 'forged',
      allowed: 'yes',
    };
    use({ customizeAccessTokenClaims: () => attempt, customizeIdTokenClaims: () => attempt });

    const { app, tokens } = await clientCredentials();
    const s2s = await verifyAccessToken(tokens.access_token);
    expect(s2s).toMatchObject({ sub: app.clientId, aud: app.clientId, azp: app.clientId, client_id: app.clientId, scope: 'read_user', allowed: 'yes' });
    expect(s2s.iss).toBe('http://localhost:3999');
    expect(s2s.jti).not.toBe('fixed');
    expect(s2s.exp! - s2s.iat!).toBeLessThan(24 * 3600);
    for (const claim of ['nbf', 'nonce', 'roles', 'email', 'sid', 'auth_time']) expect(s2s).not.toHaveProperty(claim);

    const { user, tokens: userSet } = await userTokens();
    const access = decodeJwt(userSet.access_token);
    expect(access).toMatchObject({ sub: user.id, scope: 'openid profile offline_access', roles: [], allowed: 'yes' });
    const id = decodeJwt(userSet.id_token!);
    expect(id).toMatchObject({ sub: user.id, email: user.email, allowed: 'yes' });
    expect(id.nonce).toBeUndefined();
    expect(id.auth_time).not.toBe(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('reserved claims, ignored'));
    for (const claim of Object.keys(attempt).filter((name) => name !== 'allowed')) expect(RESERVED_CLAIMS.has(claim)).toBe(true);
  });

  it('a throwing or malformed claim hook fails the grant with server_error, and the error is logged', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    use({
      customizeAccessTokenClaims: () => {
        throw new Error('directory down');
      },
    });
    await expect(clientCredentials()).rejects.toMatchObject({ code: 'server_error', status: 500 });
    expect(error).toHaveBeenCalledWith(expect.stringContaining('customizeAccessTokenClaims failed'), expect.any(Error));

    use({ customizeAccessTokenClaims: () => ['not', 'an', 'object'] as never });
    await expect(clientCredentials()).rejects.toMatchObject({ code: 'server_error' });
    use({ customizeAccessTokenClaims: () => ({ big: 10n as never }) });
    await expect(clientCredentials()).rejects.toMatchObject({ code: 'server_error' });
  });
});

describe('post-event hooks', () => {
  it('run after success with the event', async () => {
    const events: unknown[] = [];
    use({
      afterSignIn: (event) => void events.push({ kind: 'signIn', user: event.user.authId, app: event.app.clientId, method: event.method }),
      afterCodeExchange: async (event) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push({ kind: 'code', user: event.user.authId, scopes: event.scopes, idToken: event.idToken, refreshToken: event.refreshToken });
      },
      afterClientCredentials: (event) => void events.push({ kind: 'cc', app: event.app.clientId, scopes: event.scopes }),
    });
    const { app, user } = await userTokens();
    const s2s = await clientCredentials('read_user write_user');
    expect(events).toEqual([
      { kind: 'signIn', user: user.id, app: app.clientId, method: 'password' },
      { kind: 'code', user: user.id, scopes: ['openid', 'profile', 'offline_access'], idToken: true, refreshToken: true },
      { kind: 'cc', app: s2s.app.clientId, scopes: ['read_user', 'write_user'] },
    ]);
  });

  it('a throwing post hook is logged and does not fail the grant or the sign-in', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const fail = (name: string) => () => {
      throw new Error(`${name} broke`);
    };
    use({
      afterSignIn: fail('afterSignIn'),
      afterCodeExchange: async () => Promise.reject(new Error('afterCodeExchange broke')),
      afterClientCredentials: fail('afterClientCredentials'),
    });
    const { tokens } = await userTokens();
    expect(await verifyAccessToken(tokens.access_token)).toBeTruthy();
    expect(tokens.id_token).toBeTruthy();
    const { tokens: s2s } = await clientCredentials();
    expect(await verifyAccessToken(s2s.access_token)).toMatchObject({ scope: 'read_user' });
    const logged = error.mock.calls.map(([message]) => String(message));
    for (const name of ['afterSignIn', 'afterCodeExchange', 'afterClientCredentials']) {
      expect(logged).toContain(`[tessera] hook ${name} failed (the request succeeded anyway)`);
    }
  });
});
