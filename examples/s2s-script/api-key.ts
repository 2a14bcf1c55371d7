// An API key instead of client credentials: no token request, the key goes on every call.
// Create one in the dashboard (API keys), with `POST /api/v1/api-keys` or
// `npm run cli -- api-key create --name … --scope read_user`; it is shown once.
const issuer = new URL(process.env.TESSERA_ISSUER!);
const apiKey = process.env.TESSERA_API_KEY!;

/** GET a path of the S2S API with the key (X-API-Key; `Authorization: Bearer tsk_…` works too). */
export async function apiGet<T>(path: string): Promise<T> {
  const response = await fetch(new URL(path, issuer), { headers: { 'x-api-key': apiKey } });
  // 401 api_key_revoked / api_key_expired: replace the key; 403 api_key_ip_not_allowed: wrong network
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
