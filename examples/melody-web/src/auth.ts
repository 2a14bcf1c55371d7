// Generated from lib/integration/snippets.ts (snippet "melody-web") by `npm run examples:sync`:
// the dashboard's Integrate tab shows this same code with an app's own values. Edit the snippet, not this file.
import {
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
  serverUri: import.meta.env.VITE_TESSERA_ISSUER,
  clientId: import.meta.env.VITE_TESSERA_CLIENT_ID,
  redirectUri: import.meta.env.VITE_TESSERA_REDIRECT_URI,
  scopes: ['openid', 'profile', 'offline_access'],
  storage: 'localStorage' as const,
};
const postLogoutRedirectUri = import.meta.env.VITE_TESSERA_POST_LOGOUT_REDIRECT_URI;
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
