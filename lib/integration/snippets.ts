// The integration snippets: ONE source for the dashboard's Integrate tab (filled in with the
// app's values) and for the example apps under examples/ (filled in with environment reads), so
// the code a developer copies from the dashboard is the code the examples run in the e2e suite.
//
// A snippet is a template over a few slots (issuer, client ID, redirect URI, …). Each slot is
// given as a code expression in the snippet's language: the dashboard passes literals
// (jsString / shellWord of the app's values), an example passes its environment reads
// (`import.meta.env.VITE_TESSERA_ISSUER`, `process.env.TESSERA_ISSUER!`, `"${TESSERA_ISSUER:?…}"`).
// lib/integration/example-files.ts lists the example files rendered from here;
// `npm run examples:sync` writes them and lib/integration/example-files.test.ts fails when one
// drifts. Pure module: no server imports (the dashboard's client bundle uses it).

export type AppType = 'spa' | 's2s';

export type SnippetId = 'melody-web' | 'melody-react' | 'authjs' | 'oidc-client-ts' | 'api-jose' | 'openid-client' | 'curl';

export type SnippetLanguage = 'ts' | 'tsx' | 'sh';

/** The values a SPA snippet is filled with; each is a code expression of the snippet's language. */
export interface SpaSlots {
  issuer: string;
  clientId: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
}

/** The values an S2S snippet is filled with (the secret is never a literal: it is shown once, at creation). */
export interface S2sSlots {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scope: string;
}

interface SnippetBase {
  id: SnippetId;
  /** Package or tool name shown on the tab (code: never translated). */
  label: string;
  language: SnippetLanguage;
  /** The file of the example that runs this snippet (relative to the repository root). */
  exampleFile: string;
}

export type Snippet =
  | (SnippetBase & { appType: 'spa'; render: (slots: SpaSlots) => string })
  | (SnippetBase & { appType: 's2s'; render: (slots: S2sSlots) => string });

/** A JavaScript / TypeScript string literal (single quotes, as the examples are written). */
export function jsString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r/g, '\\r').replace(/\n/g, '\\n')}'`;
}

/** A POSIX shell word holding exactly `value` (single-quoted). */
export function shellWord(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

const melodyWeb = (s: SpaSlots) => `import {
  exchangeTokenByAuthCode,
  exchangeTokenByRefreshToken,
  getUserInfo,
  loadCodeAndStateFromUrl,
  logout,
  triggerLogin,
} from '@melody-auth/web';

// Melody's browser SDK against Tessera (same wire contract). Turn refresh-token rotation OFF
// for this app: the SDK keeps the first refresh token it gets.
const config = {
  serverUri: ${s.issuer},
  clientId: ${s.clientId},
  redirectUri: ${s.redirectUri},
  scopes: ['openid', 'profile', 'offline_access'],
  storage: 'localStorage' as const,
};
const postLogoutRedirectUri = ${s.postLogoutRedirectUri};
const REFRESH_TOKEN_KEY = 'melody-auth-refresh-token';

type Tokens = Awaited<ReturnType<typeof exchangeTokenByAuthCode>>;

/** Sign in on Tessera's hosted pages; the browser comes back to redirectUri with a code. */
export const signIn = () => triggerLogin('redirect', config);

/** Sign in in a popup: the page stays, and the promise gets the tokens. */
export const signInWithPopup = () =>
  new Promise<Tokens>((resolve, reject) => {
    triggerLogin('popup', config, {
      authorizePopupHandler: ({ state, code }) => exchangeTokenByAuthCode(code, state, config).then(resolve, reject),
    }).catch(reject);
  });

/** On redirectUri: redeems the code (PKCE) and stores the refresh and ID tokens. Undefined without a code. */
export function handleRedirect(): Promise<Tokens | undefined> {
  const { code, state } = loadCodeAndStateFromUrl();
  return exchangeTokenByAuthCode(code, state, config);
}

function storedRefreshToken(): string | null {
  const stored = localStorage.getItem(REFRESH_TOKEN_KEY);
  return stored ? (JSON.parse(stored) as { refreshToken: string }).refreshToken : null;
}

/** A new access token from the stored refresh token (keep access tokens in memory). */
export function refreshAccessToken() {
  const refreshToken = storedRefreshToken();
  if (!refreshToken) throw new Error('Not signed in');
  return exchangeTokenByRefreshToken(config, refreshToken);
}

export const fetchUserInfo = (accessToken: string) => getUserInfo(config, { accessToken });

/** Revokes the refresh token, ends the Tessera session and lands on postLogoutRedirectUri. */
export const signOut = (accessToken: string) => logout(config, accessToken, storedRefreshToken(), postLogoutRedirectUri, false);
`;

const melodyReact = (s: SpaSlots) => `import { AuthProvider, useAuth } from '@melody-auth/react';
import type { ReactNode } from 'react';

// Melody's React SDK against Tessera (same wire contract). Turn refresh-token rotation OFF for
// this app: the SDK keeps the first refresh token it gets.
export function TesseraProvider({ children }: { children: ReactNode }) {
  return (
    <AuthProvider serverUri={${s.issuer}} clientId={${s.clientId}} redirectUri={${s.redirectUri}} storage="localStorage">
      {children}
    </AuthProvider>
  );
}

export function AccountButtons() {
  const { isAuthenticated, isAuthenticating, account, loginRedirect, loginPopup, logoutRedirect } = useAuth();
  if (isAuthenticating) return <p>Loading…</p>;
  if (!isAuthenticated) {
    return (
      <>
        <button onClick={() => loginRedirect()}>Sign in</button>
        <button onClick={() => loginPopup()}>Sign in with a popup</button>
      </>
    );
  }
  return (
    <>
      <p>Signed in as {account?.email}</p>
      <button onClick={() => logoutRedirect({ postLogoutRedirectUri: ${s.postLogoutRedirectUri} })}>Sign out</button>
    </>
  );
}
`;

const authjs = (s: SpaSlots) => `import NextAuth from 'next-auth';
import { getToken } from 'next-auth/jwt';
import { headers } from 'next/headers';

// Auth.js (next-auth v5) with Tessera as OpenID Connect provider. Register in Tessera:
//   redirect URI             <your app's URL>/api/auth/callback/tessera
//   post-logout redirect URI the postLogoutRedirectUri below
// and set AUTH_SECRET (npx auth secret) and, outside Vercel, AUTH_TRUST_HOST=true.
const issuer = ${s.issuer};
const clientId = ${s.clientId};
const postLogoutRedirectUri = ${s.postLogoutRedirectUri};

export const { handlers, auth, signIn, signOut } = NextAuth({
  providers: [
    {
      id: 'tessera',
      name: 'Tessera',
      type: 'oidc',
      issuer,
      clientId,
      // a Tessera SPA app is a public client: PKCE instead of a client secret
      client: { token_endpoint_auth_method: 'none' },
      checks: ['pkce', 'state', 'nonce'],
      authorization: { params: { scope: 'openid profile' } },
    },
  ],
  callbacks: {
    // Keep the ID token in the (encrypted) session cookie: sign-out hands it back to Tessera.
    jwt({ token, account }) {
      if (account?.id_token) token.idToken = account.id_token;
      return token;
    },
  },
});

/**
 * Tessera's end-session URL (RP-initiated logout) for the signed-in user: it ends the Tessera
 * session too, then comes back to postLogoutRedirectUri. Call it before signOut() clears the cookie.
 */
export async function tesseraSignOutUrl(): Promise<string> {
  const token = await getToken({
    req: { headers: await headers() },
    secret: process.env.AUTH_SECRET,
    secureCookie: process.env.AUTH_URL?.startsWith('https://') ?? false,
  });
  const url = new URL('/oauth2/v1/logout', issuer);
  if (typeof token?.idToken === 'string') url.searchParams.set('id_token_hint', token.idToken);
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('post_logout_redirect_uri', postLogoutRedirectUri);
  return url.href;
}
`;

const oidcClientTs = (s: SpaSlots) => `import { UserManager, WebStorageStateStore } from 'oidc-client-ts';

// oidc-client-ts against Tessera: authorization code with PKCE (S256), silent renew with the
// refresh token (offline_access; rotation on: the library stores each new one), and sign-out
// through Tessera's end-session endpoint.
export const userManager = new UserManager({
  authority: ${s.issuer},
  client_id: ${s.clientId},
  redirect_uri: ${s.redirectUri},
  post_logout_redirect_uri: ${s.postLogoutRedirectUri},
  scope: 'openid profile offline_access',
  automaticSilentRenew: true,
  // Tessera revokes refresh tokens (their whole rotation family); access tokens are short-lived JWTs.
  revokeTokenTypes: ['refresh_token'],
  revokeTokensOnSignout: true,
  userStore: new WebStorageStateStore({ store: window.localStorage }),
});
`;

const apiJose = (s: SpaSlots) => `import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';

// Verifying Tessera access tokens in your API (RFC 9068 JWTs). A user's access token is issued
// to the app they signed in to: its audience is that app's client ID.
const issuer = ${s.issuer};
const audience = ${s.clientId};
const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', issuer));

export interface AccessToken extends JWTPayload {
  sub: string;
  scope: string;
  roles?: string[];
}

/** Signature (against the JWKS, keys cached and refreshed on rotation), issuer, audience, expiry, type. */
export async function verifyAccessToken(token: string): Promise<AccessToken> {
  const { payload } = await jwtVerify<AccessToken>(token, jwks, { issuer, audience, typ: 'at+jwt' });
  return payload;
}

export const hasScope = (token: AccessToken, scope: string) => token.scope.split(' ').includes(scope);
export const hasRole = (token: AccessToken, role: string) => token.roles?.includes(role) ?? false;
`;

const openidClient = (s: S2sSlots) => `import * as client from 'openid-client';

// An S2S app: client credentials (openid-client), then Tessera's S2S API with the token.
// The client secret was shown once, when the app was created (or its secret regenerated).
const issuer = new URL(${s.issuer});
const config = await client.discovery(
  issuer,
  ${s.clientId},
  ${s.clientSecret},
  undefined,
  issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined,
);

/** A client-credentials access token for the S2S API. */
export async function getAccessToken(): Promise<string> {
  const tokens = await client.clientCredentialsGrant(config, { scope: ${s.scope} });
  return tokens.access_token;
}

/** GET a path of the S2S API (e.g. /api/v1/users?page_size=50&page_number=1) with the token. */
export async function apiGet<T>(path: string, accessToken: string): Promise<T> {
  const response = await fetch(new URL(path, issuer), { headers: { authorization: \`Bearer \${accessToken}\` } });
  if (!response.ok) throw new Error(\`GET \${path}: \${response.status} \${await response.text()}\`);
  return (await response.json()) as T;
}
`;

const curl = (s: S2sSlots) => `#!/bin/sh
# Client credentials with curl, then one page of users from the S2S API (needs read_user).
# The client secret was shown once, when the app was created (or its secret regenerated).
set -eu
ISSUER=${s.issuer}
CLIENT_ID=${s.clientId}
CLIENT_SECRET=${s.clientSecret}

TOKEN=$(curl -fsS -u "$CLIENT_ID:$CLIENT_SECRET" \\
  -d grant_type=client_credentials --data-urlencode scope=${s.scope} \\
  "$ISSUER/oauth2/v1/token" | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')

curl -fsS -H "Authorization: Bearer $TOKEN" "$ISSUER/api/v1/users?page_size=20&page_number=1"
`;

/** Every snippet, in the order the Integrate tab shows them. */
export const SNIPPETS: readonly Snippet[] = [
  { id: 'melody-web', label: '@melody-auth/web', language: 'ts', appType: 'spa', exampleFile: 'examples/melody-web/src/auth.ts', render: melodyWeb },
  { id: 'melody-react', label: '@melody-auth/react', language: 'tsx', appType: 'spa', exampleFile: 'examples/melody-react/src/auth.tsx', render: melodyReact },
  { id: 'authjs', label: 'Auth.js (Next.js)', language: 'ts', appType: 'spa', exampleFile: 'examples/nextjs-authjs/auth.ts', render: authjs },
  { id: 'oidc-client-ts', label: 'oidc-client-ts', language: 'ts', appType: 'spa', exampleFile: 'examples/react-spa/src/auth.ts', render: oidcClientTs },
  { id: 'api-jose', label: 'API: jose', language: 'ts', appType: 'spa', exampleFile: 'examples/express-api/verify-token.ts', render: apiJose },
  { id: 'openid-client', label: 'openid-client (Node)', language: 'ts', appType: 's2s', exampleFile: 'examples/s2s-script/tessera.ts', render: openidClient },
  { id: 'curl', label: 'curl', language: 'sh', appType: 's2s', exampleFile: 'examples/s2s-script/list-users.sh', render: curl },
];

export function snippetsFor(type: AppType): Snippet[] {
  return SNIPPETS.filter((snippet) => snippet.appType === type);
}

/** What the dashboard knows of an app, to fill its snippets in. */
export interface AppIntegrationValues {
  issuer: string;
  clientId: string;
  redirectUris: readonly string[];
  postLogoutRedirectUris: readonly string[];
  scopes: readonly string[];
}

/** Shown where an app has no URI of that kind yet (the tab says to register one). */
export const PLACEHOLDER_REDIRECT_URI = 'https://app.example.com/callback';
export const PLACEHOLDER_POST_LOGOUT_REDIRECT_URI = 'https://app.example.com/';
/** The S2S secret is only ever read from the environment. */
export const SECRET_ENV = { ts: 'process.env.TESSERA_CLIENT_SECRET!', sh: '"${TESSERA_CLIENT_SECRET:?set TESSERA_CLIENT_SECRET}"' } as const;

const S2S_API_SCOPE_FALLBACK = 'read_user';

/** The snippet's code with the app's own values, as the dashboard shows it. */
export function renderForApp(snippet: Snippet, app: AppIntegrationValues): string {
  if (snippet.appType === 'spa') {
    return snippet.render({
      issuer: jsString(app.issuer),
      clientId: jsString(app.clientId),
      redirectUri: jsString(app.redirectUris[0] ?? PLACEHOLDER_REDIRECT_URI),
      postLogoutRedirectUri: jsString(app.postLogoutRedirectUris[0] ?? PLACEHOLDER_POST_LOGOUT_REDIRECT_URI),
    });
  }
  const scope = app.scopes.length ? app.scopes.join(' ') : S2S_API_SCOPE_FALLBACK;
  const literal = snippet.language === 'sh' ? shellWord : jsString;
  return snippet.render({
    issuer: literal(app.issuer),
    clientId: literal(app.clientId),
    clientSecret: SECRET_ENV[snippet.language === 'sh' ? 'sh' : 'ts'],
    scope: literal(scope),
  });
}
