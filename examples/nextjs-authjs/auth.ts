// Generated from lib/integration/snippets.ts (snippet "authjs") by `npm run examples:sync`:
// the dashboard's Integrate tab shows this same code with an app's own values. Edit the snippet, not this file.
import NextAuth from 'next-auth';
import { getToken } from 'next-auth/jwt';
import { headers } from 'next/headers';

// Auth.js (next-auth v5) with Tessera as OpenID Connect provider. Register in Tessera:
//   redirect URI             <your app's URL>/api/auth/callback/tessera
//   post-logout redirect URI the postLogoutRedirectUri below
// and set AUTH_SECRET (npx auth secret) and, outside Vercel, AUTH_TRUST_HOST=true.
const issuer = process.env.AUTH_TESSERA_ISSUER!;
const clientId = process.env.AUTH_TESSERA_ID!;
const postLogoutRedirectUri = process.env.TESSERA_POST_LOGOUT_REDIRECT_URI!;

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
