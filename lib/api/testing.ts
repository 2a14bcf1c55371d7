// Test helpers for the S2S API: real S2S tokens, calls through the real route handlers, and a
// check of every response against the generated OpenAPI document.
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { NextRequest } from 'next/server';
import { expect } from 'vitest';
import { adminSessionCookieName } from '@/lib/admin/cookies';
import { CSRF_HEADER } from '@/lib/admin/csrf';
import { handleTokenRequest } from '@/lib/oauth/token-endpoint';
import { makeS2sApp } from '@/lib/testing/factories';
import type { ApiRoute } from './define';
import { handle } from './define';
import { buildOpenApiDocument } from './openapi';
import { apiRoutes } from './registry';

const SERVER = 'http://localhost:3999';

/** An access token of a fresh S2S app holding exactly `scopes`. */
export async function s2sToken(scopes: string[]): Promise<string> {
  const app = await makeS2sApp(scopes);
  const basic = `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`;
  const response = await handleTokenRequest(new URLSearchParams({ grant_type: 'client_credentials' }), basic);
  return response.access_token;
}

const document = buildOpenApiDocument(apiRoutes, { title: 'test', version: '1', serverUrl: SERVER });
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(document.components.schemas.Error, '#/components/schemas/Error');

/** Fails the test unless `body` matches the documented response of `route` for `status`. */
export function expectDocumented(route: ApiRoute, status: number, body: unknown) {
  const operation = (document.paths[route.path] as Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>)[
    route.method.toLowerCase()
  ]!;
  const response = operation.responses[String(status)];
  expect(response, `${route.operationId} does not document status ${status}`).toBeDefined();
  const schema = (response!.content?.['application/json'] ?? response!.content?.['application/x-ndjson'])?.schema;
  if (!schema) {
    expect(body).toBeNull();
    return;
  }
  const resolved = '$ref' in schema ? document.components.schemas.Error : schema;
  const validate = ajv.compile(resolved);
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
}

export interface ApiCall {
  token?: string;
  /**
   * Call as the admin dashboard: its session cookie, and on writes a same-origin Origin and the
   * session's X-Tessera-CSRF header (lib/admin/testing.ts makes sessions).
   */
  admin?: { cookie: string; csrfToken: string };
  /** Extra request headers (set last: they can override or, with '', drop the ones above). */
  headers?: Record<string, string>;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
}

/**
 * A response body as the tests read it. Its shape is checked against the OpenAPI document at run
 * time (expectDocumented), so tests index into it freely instead of casting at every step.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the body is validated at run time, see above
export type ApiBody = Record<string, any>;

/** Calls `route` through its Next.js handler and checks the answer against the OpenAPI document. */
export async function callApi(route: ApiRoute, call: ApiCall = {}) {
  const path = Object.entries(call.params ?? {}).reduce((result, [key, value]) => result.replace(`{${key}}`, encodeURIComponent(value)), route.path);
  const url = new URL(path, SERVER);
  for (const [key, value] of Object.entries(call.query ?? {})) url.searchParams.set(key, value);
  const headers: Record<string, string> = {};
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  if (call.admin) {
    headers.cookie = `${adminSessionCookieName()}=${call.admin.cookie}`;
    if (route.method !== 'GET') Object.assign(headers, { origin: new URL(SERVER).origin, [CSRF_HEADER]: call.admin.csrfToken });
  }
  const hasBody = call.body !== undefined || call.rawBody !== undefined;
  if (hasBody) headers['content-type'] = 'application/json';
  for (const [name, value] of Object.entries(call.headers ?? {})) {
    if (value === '') delete headers[name.toLowerCase()];
    else headers[name.toLowerCase()] = value;
  }
  const request = new NextRequest(url, { method: route.method, headers, body: hasBody ? (call.rawBody ?? JSON.stringify(call.body)) : undefined });
  const response = await handle(route)(request, { params: Promise.resolve(call.params ?? {}) });
  const text = await response.text();
  if (response.status < 300 && route.stream === 'ndjson') {
    // NDJSON: every line is one documented item; `lines` holds them parsed.
    expect(response.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as ApiBody);
    for (const line of lines) expectDocumented(route, response.status, line);
    return { status: response.status, body: {} as ApiBody, lines, text };
  }
  const body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  expectDocumented(route, response.status, body);
  return { status: response.status, body: body as ApiBody, lines: [] as ApiBody[], text };
}
