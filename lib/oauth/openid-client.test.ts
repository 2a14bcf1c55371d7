// Interop: openid-client (a standard client library, not our code) drives revocation,
// introspection and RP-Initiated Logout through the real route handlers, found by discovery.
import { NextRequest } from 'next/server';
import * as client from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as introspectPOST } from '@/app/oauth2/v1/introspect/route';
import { GET as logoutGET } from '@/app/oauth2/v1/logout/route';
import { POST as revokePOST } from '@/app/oauth2/v1/revoke/route';
import { POST as tokenPOST } from '@/app/oauth2/v1/token/route';
import { GET as discoveryGET } from '@/app/well-known/openid-configuration/route';
import { overrideConfigForTesting } from '@/lib/config';
import { SSO_COOKIE } from '@/lib/identity/cookies';
import { issueUserTokens, makeS2sApp, makeSpaApp, makeUser } from '@/lib/testing/factories';

const ISSUER = 'http://localhost:3999';

beforeAll(() => overrideConfigForTesting({ enableUserAppConsent: false, serverSessionExpiresIn: 1800 }));

const routes: Record<string, (request: NextRequest) => Promise<Response>> = {
  '/.well-known/openid-configuration': async () => discoveryGET(),
  '/oauth2/v1/token': tokenPOST,
  '/oauth2/v1/revoke': revokePOST,
  '/oauth2/v1/introspect': introspectPOST,
};

/** openid-client's fetch, answered by our route handlers instead of the network. */
const routeFetch: client.CustomFetch = async (url, options) => {
  const handler = routes[new URL(url).pathname];
  if (!handler) return new Response('not found', { status: 404 });
  return handler(new NextRequest(url, { method: options.method, headers: options.headers, body: options.body as BodyInit | undefined }));
};

function configure(clientId: string, auth: client.ClientAuth) {
  return client.discovery(new URL(ISSUER), clientId, undefined, auth, { execute: [client.allowInsecureRequests], [client.customFetch]: routeFetch });
}

describe('openid-client against our endpoints', () => {
  it('a public client revokes its refresh token; refreshing then fails', async () => {
    const app = await makeSpaApp();
    const { tokens } = await issueUserTokens(app, await makeUser());
    const config = await configure(app.clientId, client.None());
    await client.tokenRevocation(config, tokens.refresh_token!, { token_type_hint: 'refresh_token' });
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('an S2S client flagged for it introspects access and refresh tokens', async () => {
    const s2s = await makeS2sApp(['read_user'], { allowIntrospection: true });
    const app = await makeSpaApp();
    const user = await makeUser();
    const { tokens } = await issueUserTokens(app, user);
    const config = await configure(s2s.clientId, client.ClientSecretBasic(s2s.clientSecret));
    expect(await client.tokenIntrospection(config, tokens.access_token)).toMatchObject({ active: true, sub: user.id, client_id: app.clientId, token_type: 'Bearer' });
    expect(await client.tokenIntrospection(config, tokens.refresh_token!)).toMatchObject({ active: true, token_type: 'refresh_token' });
    expect(await client.tokenIntrospection(config, 'nonsense')).toEqual({ active: false });
  });

  it('builds an end-session URL that logs the browser out and returns with state', async () => {
    const postLogoutUri = 'https://rp.example.test/bye';
    const app = await makeSpaApp({ redirectUris: ['https://rp.example.test/cb'], postLogoutRedirectUris: [postLogoutUri] });
    const { tokens, ssoToken } = await issueUserTokens(app, await makeUser());
    const config = await configure(app.clientId, client.None());
    const url = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: postLogoutUri, state: 'xyz' });
    expect(url.pathname).toBe('/oauth2/v1/logout');
    const response = await logoutGET(new NextRequest(url, { headers: { cookie: `${SSO_COOKIE}=${ssoToken}` } }));
    expect(response.headers.get('location')).toBe(`${postLogoutUri}?state=xyz`);
  });
});
