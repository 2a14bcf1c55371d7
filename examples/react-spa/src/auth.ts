// Generated from lib/integration/snippets.ts (snippet "oidc-client-ts") by `npm run examples:sync`:
// the dashboard's Integrate tab shows this same code with an app's own values. Edit the snippet, not this file.
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';

// oidc-client-ts against Tessera: authorization code with PKCE (S256), silent renew with the
// refresh token (offline_access; rotation on: the library stores each new one), and sign-out
// through Tessera's end-session endpoint.
export const userManager = new UserManager({
  authority: import.meta.env.VITE_TESSERA_ISSUER,
  client_id: import.meta.env.VITE_TESSERA_CLIENT_ID,
  redirect_uri: import.meta.env.VITE_TESSERA_REDIRECT_URI,
  post_logout_redirect_uri: import.meta.env.VITE_TESSERA_POST_LOGOUT_REDIRECT_URI,
  scope: 'openid profile offline_access',
  automaticSilentRenew: true,
  // Tessera revokes refresh tokens (their whole rotation family); access tokens are short-lived JWTs.
  revokeTokenTypes: ['refresh_token'],
  revokeTokensOnSignout: true,
  userStore: new WebStorageStateStore({ store: window.localStorage }),
});
