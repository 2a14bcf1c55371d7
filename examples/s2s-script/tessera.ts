// Generated from lib/integration/snippets.ts (snippet "openid-client") by `npm run examples:sync`:
// the dashboard's Integrate tab shows this same code with an app's own values. Edit the snippet, not this file.
import * as client from 'openid-client';

// An S2S app: client credentials (openid-client), then Tessera's S2S API with the token.
// The client secret was shown once, when the app was created (or its secret regenerated).
const issuer = new URL(process.env.TESSERA_ISSUER!);
const config = await client.discovery(
  issuer,
  process.env.TESSERA_CLIENT_ID!,
  process.env.TESSERA_CLIENT_SECRET!,
  undefined,
  issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined,
);

/** A client-credentials access token for the S2S API. */
export async function getAccessToken(): Promise<string> {
  const tokens = await client.clientCredentialsGrant(config, { scope: process.env.TESSERA_SCOPE ?? 'read_user' });
  return tokens.access_token;
}

/** GET a path of the S2S API (e.g. /api/v1/users?page_size=50&page_number=1) with the token. */
export async function apiGet<T>(path: string, accessToken: string): Promise<T> {
  const response = await fetch(new URL(path, issuer), { headers: { authorization: `Bearer ${accessToken}` } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
