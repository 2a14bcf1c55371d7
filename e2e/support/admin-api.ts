// The S2S API as an e2e spec's admin: an S2S app with `root` made through the CLI, its
// client_credentials token, and JSON calls to /api/v1/* (orgs, memberships, banners, apps, users).
import type { E2eFixtures } from './fixtures';
import { cli } from './server';

export interface AdminApi {
  call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

export async function adminApi(fixtures: E2eFixtures): Promise<AdminApi> {
  const created = await cli(fixtures.cliEnv, ['app', 'create', '--name', `E2E admin ${Date.now()}`, '--type', 's2s', '--scope', 'root']);
  const basic = Buffer.from(`${String(created.clientId)}:${String(created.clientSecret)}`).toString('base64');
  const tokenResponse = await fetch(new URL('/oauth2/v1/token', fixtures.baseURL), {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'root' }),
  });
  const token = ((await tokenResponse.json()) as { access_token?: string }).access_token;
  if (!token) throw new Error(`no S2S token (${tokenResponse.status})`);
  return {
    async call(method, path, body) {
      const response = await fetch(new URL(path, fixtures.baseURL), {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : {}) as never };
    },
  };
}
