// Popup authorize (authorize_method=popup): every way a flow can end lands on the popup page with
// the response in the fragment, never on the redirect URI.
import { beforeAll, describe, expect, it } from 'vitest';
import { overrideConfigForTesting } from '@/lib/config';
import { AuthorizeRedirectError } from '@/lib/oauth/authorize-request';
import { decodePopupResult, POPUP_COMPLETE_PATH, type PopupCodeMessage } from '@/lib/oauth/popup-result';
import { handleTokenRequest } from '@/lib/oauth/token-endpoint';
import { authorizeParams, makePkce, makeSpaApp, makeUser } from '@/lib/testing/factories';
import { REQUEST_COOKIE_PREFIX } from '@/lib/flow';
import { SSO_COOKIE } from './cookies';
import { decideConsent } from './consent';
import { signInWithPassword } from './sign-in';
import { startAuthorization } from '@/lib/sign-in/start';
import { type FlowOutcome } from '@/lib/flow';
import { browserContext } from '@/lib/sign-in/hosted';

beforeAll(() => overrideConfigForTesting({ enableUserAppConsent: true, serverSessionExpiresIn: 1800 }));

function browserOf(outcome: FlowOutcome) {
  const requestId = new URL(outcome.location).searchParams.get('request')!;
  const bindingSecret = outcome.cookies.find((cookie) => cookie.name.startsWith(REQUEST_COOKIE_PREFIX))?.value;
  return browserContext({ requestId, bindingSecret });
}

/** The popup page URL's parts: the server sees path and query, only the page's script sees the fragment. */
function popupLanding(location: string) {
  const url = new URL(location);
  expect(`${url.origin}${url.pathname}`).toBe(`http://localhost:3999${POPUP_COMPLETE_PATH}`);
  const result = decodePopupResult(url.hash);
  expect(result).not.toBeNull();
  return { query: url.search, ...result! };
}

const popup = { authorize_method: 'popup' };

describe('popup authorize', () => {
  it('after sign-in and consent, hands the code to the popup page, in the fragment, for the redirect URI origin', async () => {
    const app = await makeSpaApp({ redirectUris: ['https://spa.example.test:8443/app/callback'] });
    const user = await makeUser();
    const pkce = makePkce();
    const params = authorizeParams(app, pkce, { ...popup, locale: 'zh-CN', org: 'acme' });
    const browser = browserOf(await startAuthorization(params, {}));
    await signInWithPassword(browser, { email: user.email!, password: user.password });
    const done = await decideConsent(browser, 'allow');

    const landing = popupLanding(done.location);
    expect(landing.query).toBe('?locale=zh-CN');
    expect(landing.query).not.toContain('code');
    expect(landing.targetOrigin).toBe('https://spa.example.test:8443');
    const message = landing.message as PopupCodeMessage;
    expect(message).toEqual({ state: params.get('state'), code: message.code, locale: 'zh-CN', org: 'acme', redirectUri: app.redirectUri });
    expect(done.cookies.some((cookie) => cookie.name.startsWith(REQUEST_COOKIE_PREFIX) && cookie.maxAge === 0)).toBe(true);

    const tokens = await handleTokenRequest(new URLSearchParams({ grant_type: 'authorization_code', code: message.code, code_verifier: pkce.verifier }), null);
    expect(tokens.access_token).toBeTruthy();
  });

  it('with an SSO session, /authorize itself sends the popup to the page', async () => {
    const user = await makeUser();
    const app = await makeSpaApp({ skipConsent: true });
    const signedIn = await signInWithPassword(browserOf(await startAuthorization(authorizeParams(app, makePkce()), {})), {
      email: user.email!,
      password: user.password,
    });
    const ssoToken = signedIn.cookies.find((cookie) => cookie.name === SSO_COOKIE)?.value;

    const params = authorizeParams(app, makePkce(), popup);
    const outcome = await startAuthorization(params, { ssoToken });
    const landing = popupLanding(outcome.location);
    expect(landing.message).toMatchObject({ state: params.get('state'), org: '', locale: 'en', redirectUri: app.redirectUri });
    expect((landing.message as PopupCodeMessage).code).toBeTruthy();
  });

  it('a denied consent reaches the opener as access_denied', async () => {
    const app = await makeSpaApp();
    const user = await makeUser();
    const params = authorizeParams(app, makePkce(), popup);
    const browser = browserOf(await startAuthorization(params, {}));
    await signInWithPassword(browser, { email: user.email!, password: user.password });
    const landing = popupLanding((await decideConsent(browser, 'deny')).location);
    expect(landing.message).toMatchObject({ state: params.get('state'), error: 'access_denied', redirectUri: app.redirectUri });
  });

  it('errors found by /authorize after the redirect URI is trusted go to the popup page too', async () => {
    const app = await makeSpaApp();
    for (const [change, error] of [
      [{ prompt: 'none' }, 'login_required'],
      [{ scope: 'openid root' }, 'invalid_scope'],
    ] as const) {
      const params = authorizeParams(app, makePkce(), { ...popup, ...change });
      const caught = await startAuthorization(params, {}).catch((thrown: unknown) => thrown);
      expect(caught).toBeInstanceOf(AuthorizeRedirectError);
      expect(popupLanding((caught as AuthorizeRedirectError).location).message).toMatchObject({ state: params.get('state'), error });
    }
  });

  it('refuses popup mode, through a normal redirect, for a redirect URI without a web origin', async () => {
    const app = await makeSpaApp({ redirectUris: ['com.example.app:/oauth/callback'] });
    const caught = await startAuthorization(authorizeParams(app, makePkce(), popup), {}).catch((thrown: unknown) => thrown);
    expect(caught).toBeInstanceOf(AuthorizeRedirectError);
    const location = (caught as AuthorizeRedirectError).location;
    expect(location.startsWith('com.example.app:/oauth/callback?')).toBe(true);
    expect(new URL(location).searchParams.get('error')).toBe('invalid_request');
  });

  it('redirect mode is unchanged: the code goes to the redirect URI query', async () => {
    const app = await makeSpaApp({ skipConsent: true });
    const user = await makeUser();
    const browser = browserOf(await startAuthorization(authorizeParams(app, makePkce(), { authorize_method: 'redirect' }), {}));
    const done = new URL((await signInWithPassword(browser, { email: user.email!, password: user.password })).location);
    expect(`${done.origin}${done.pathname}`).toBe(app.redirectUri);
    expect(done.searchParams.get('code')).toBeTruthy();
    expect(done.hash).toBe('');
  });
});
