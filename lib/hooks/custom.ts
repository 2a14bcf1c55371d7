// ─── Deployer hooks: the one file to edit ─────────────────────────────────────────────────────
//
// Fill in the hooks you need (types and rules in lib/hooks/types.ts; README "Hooks"). They run on
// the server, in the token endpoint and the hosted sign-in, so keep them fast and never log
// secrets. Leave a hook out (or return nothing) to change nothing.
//
// - customizeAccessTokenClaims / customizeIdTokenClaims return EXTRA claims. Registered and
//   protocol claims (iss, sub, aud, exp, iat, jti, scope, azp, client_id, auth_time, nonce, roles,
//   org, email, … : RESERVED_CLAIMS in lib/hooks/index.ts) and any claim the token already has
//   cannot be set or overridden: such names are dropped with a warning. Values must be JSON.
//   Throwing fails the grant (server_error).
// - afterSignIn / afterCodeExchange / afterClientCredentials run after success; errors are logged
//   and never fail the request.
//
// Example:
//   customizeAccessTokenClaims({ user, app }) {
//     if (user && app.clientId === 'my-api-client') return { tenant: user.email?.split('@')[1] ?? null };
//   },
//   async afterSignIn({ user, app }) {
//     await fetch('https://audit.example.com/sign-in', { method: 'POST', body: JSON.stringify({ user: user.authId, app: app.clientId }) });
//   },
import type { TesseraHooks } from './types';

export const hooks: TesseraHooks = {};
