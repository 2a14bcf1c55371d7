// The relying party of the OIDC specs: openid-client (a standard OpenID Connect library, not our
// code) configured through discovery, its authorization requests (PKCE S256, state, nonce) and
// the code redemption it validates: the ID token's signature against our JWKS, iss, aud, nonce,
// and the authorization response's state and RFC 9207 iss.
import type { Page, Request } from '@playwright/test';
import * as client from 'openid-client';

/** A client configuration found by discovery; ID tokens are verified against jwks_uri. */
export function discoverClient(issuer: string, clientId: string, auth: client.ClientAuth = client.None()): Promise<client.Configuration> {
  return client.discovery(new URL(issuer), clientId, undefined, auth, {
    // http://localhost issuer; and verify ID token signatures against jwks_uri (off by default in v6)
    execute: [client.allowInsecureRequests, client.enableNonRepudiationChecks],
  });
}

export interface AuthorizationRequest {
  url: URL;
  codeVerifier: string;
  state: string;
  nonce: string;
}

/** A fresh authorization request (new verifier, state and nonce); `extra` adds parameters (prompt, locale, …). */
export async function authorizationRequest(config: client.Configuration, redirectUri: string, scope: string, extra: Record<string, string> = {}): Promise<AuthorizationRequest> {
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...extra,
  });
  return { url, codeVerifier, state, nonce };
}

/** The code on the callback URL → tokens; pass another `verifier` to prove PKCE is enforced. */
export function redeem(config: client.Configuration, callbackUrl: URL, request: AuthorizationRequest, verifier = request.codeVerifier) {
  return client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: verifier,
    expectedState: request.state,
    expectedNonce: request.nonce,
    idTokenExpected: true,
  });
}

/** Every top-level navigation of the page from now on, redirect hops included. */
export function recordNavigations(page: Page): URL[] {
  const seen: URL[] = [];
  page.on('request', (request: Request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) seen.push(new URL(request.url()));
  });
  return seen;
}
