// Issue 12 item 16: every JSON and form endpoint gets 1,000 generated malformed bodies (wrong
// types, huge strings, deep nesting, unicode, nulls, prototype keys, duplicate parameters). Every
// answer must be < 500 and a structured error, and a refused request must leave the database as
// it was. Routes are found on the filesystem (app/**/route.ts): a new route is fuzzed without
// being listed here. The route handlers run in-process, as Next.js calls them, with credentials
// that get the body past authentication (a root S2S token or an admin session for /api/v1, an
// allowed origin for the Embedded Auth API), so the bodies reach the parsers and validators.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSessionCookieName } from '@/lib/admin/cookies';
import { CSRF_HEADER } from '@/lib/admin/csrf';
import { makeAdminSession } from '@/lib/admin/testing';
import { s2sToken } from '@/lib/api/testing';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { EMBEDDED_ROUTES } from '@/lib/sign-in/embedded-api';
import { SUPER_ADMIN_ROLE } from '@/lib/access/builtin';
import { ensureSeeded, makeUser } from '@/lib/testing/factories';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SERVER = 'http://localhost:3999';
const EMBEDDED_ORIGIN = 'https://embedded.fuzz.example.test';
const BODIES_PER_ENDPOINT = 1_000;
// In `npm test` the run is time-boxed to stay within CI's budget: each endpoint gets an equal
// slice of FUZZ_BUDGET_MS (default 60 s) and at least MIN_BODIES bodies, in the same seeded order.
// FUZZ_BUDGET_MS=0 sends all 1,000 bodies to every endpoint (a few minutes more).
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 60_000);
const MIN_BODIES = 20;
const BODY_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
const ANY_ID = '00000000-0000-4000-8000-00000000f022';
// Fixed: a failure names the body, and the next run sends the same ones.
const SEED = 1212;

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

interface Endpoint {
  method: (typeof BODY_METHODS)[number];
  /** The URL path requested. */
  path: string;
  params: Record<string, string | string[]>;
  handler: Handler;
  form: boolean;
}

/** app/**\/route.ts as URL path templates: app/api/v1/apps/[id]/route.ts → /api/v1/apps/[id]. */
function routeFiles(): string[] {
  return readdirSync(path.join(ROOT, 'app'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name === 'route.ts')
    .map((entry) => path.relative(path.join(ROOT, 'app'), entry.parentPath).split(path.sep).join('/'))
    .sort();
}

/** The concrete paths of a template: each dynamic segment filled, catch-alls with every known sub-path. */
function instances(template: string, method: string): { path: string; params: Record<string, string | string[]> }[] {
  if (template === 'embedded-auth/v1/[...path]') {
    return EMBEDDED_ROUTES.filter((route) => route.method === method).map((route) => {
      const segments = route.path.replace('{sessionId}', ANY_ID).split('/').filter(Boolean);
      return { path: `/embedded-auth/v1/${segments.join('/')}`, params: { path: segments } };
    });
  }
  if (template === 'identity/v1/policy/[action]') {
    const actions = ['update-info', 'change-password', 'change-email-code', 'change-email', 'change-org', 'delete-account', 'revoke-session', 'revoke-other-sessions', 'reset-mfa', 'add-passkey', 'rename-passkey', 'delete-passkey', 'leave'];
    return actions.map((action) => ({ path: `/identity/v1/policy/${action}`, params: { action } }));
  }
  const params: Record<string, string> = {};
  const segments = template.split('/').map((segment) => {
    const dynamic = /^\[(\w+)\]$/.exec(segment);
    if (!dynamic) return segment;
    params[dynamic[1]!] = ANY_ID;
    return ANY_ID;
  });
  return [{ path: `/${segments.join('/').replace(/^well-known\//, '.well-known/')}`, params }];
}

async function endpoints(): Promise<Endpoint[]> {
  const found: Endpoint[] = [];
  for (const template of routeFiles()) {
    const handlers = (await import(/* @vite-ignore */ path.join(ROOT, 'app', template, 'route.ts'))) as Record<string, unknown>;
    for (const method of BODY_METHODS) {
      const handler = handlers[method];
      if (typeof handler !== 'function') continue;
      for (const instance of instances(template, method)) {
        found.push({ method, ...instance, handler: handler as Handler, form: instance.path.startsWith('/oauth2/') || instance.path.startsWith('/admin/auth/') });
      }
    }
  }
  return found;
}

// ── the bodies ──────────────────────────────────────────────────────────────────────────────
// Field names the endpoints read, so generated objects reach their validators, not only the
// "not an object" branch.
const FIELDS = [
  'requestId', 'email', 'password', 'code', 'name', 'type', 'scopes', 'users', 'redirectUris', 'roles', 'locale', 'metadata',
  'grant_type', 'client_id', 'client_secret', 'refresh_token', 'token', 'code_verifier', 'redirect_uri', 'scope', 'device_code',
  'id_token_hint', 'post_logout_redirect_uri', 'state', 'csrf', 'isActive', 'firstName', 'lastName', 'otp', 'mfaCode', 'passkeyInfo',
  'credential', 'url', 'eventTypes', 'value', 'note', 'appIds', 'text', 'attributes', 'remember', 'sessionId', 'org', 'slug',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty',
];
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

const weirdString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '\uD800', '\uFEFF', '‮', '𝕏'.repeat(30), 'null', 'undefined', 'NaN', '-1', '1e309', '0x10', '../../etc/passwd', '<script>', "' OR 1=1 --", '%00', 'a'.repeat(5_000)),
  fc.nat({ max: 70_000 }).map((length) => 'x'.repeat(length)),
  fc.uuid(),
  fc.emailAddress(),
);
const weirdNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, Number.MAX_SAFE_INTEGER + 2, 1e308, -1));
const leaf = fc.oneof(weirdString, weirdNumber, fc.boolean(), fc.constant(null));
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('any'), { maxLength: 6 }),
  object: fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 12 })), tie('any'), { maxKeys: 8 }),
})).any;

/** Nesting far past any limit, as raw text (JSON.stringify of such a value would overflow first). */
const deepNesting = fc.tuple(fc.integer({ min: 20, max: 5_000 }), fc.constantFrom('[', '{"a":'), fc.boolean()).map(([depth, open, closed]) => {
  const close = open === '[' ? ']' : '}';
  return open.repeat(depth) + (open === '[' ? '1' : '1') + (closed ? close.repeat(depth) : '');
});

/** A JSON object whose keys repeat or are prototype keys, as raw text (JSON.stringify would collapse them). */
const rawObject = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...FIELDS), fc.constantFrom(...PROTOTYPE_KEYS)), value), { minLength: 1, maxLength: 8 })
  .map((entries) => {
    const repeated = [...entries, ...entries.slice(0, 2)];
    return `{${repeated.map(([key, field]) => `${JSON.stringify(key)}:${JSON.stringify(field) ?? 'null'}`).join(',')}}`;
  });

const rawText = fc.oneof(
  fc.constantFrom('', '{', '}', '[', 'null', 'true', '"', '{"a":}', '{,}', '[1,]', 'NaN', '\u0000', '{"requestId":"\uD800"}', '\uFEFF{}'),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

const jsonBody = fc.oneof(
  { weight: 5, arbitrary: value.map((body) => JSON.stringify(body) ?? 'null') },
  { weight: 3, arbitrary: rawObject },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: rawText },
);

/** Form bodies: repeated parameters, prototype names, odd encodings, JSON where a form is expected. */
const formBody = fc.oneof(
  { weight: 5, arbitrary: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 12 })), weirdString), { maxLength: 10 }).map((pairs) => {
    const params = new URLSearchParams();
    for (const [key, field] of [...pairs, ...pairs.slice(0, 2)]) params.append(key, field);
    return params.toString();
  }) },
  { weight: 2, arbitrary: fc.constantFrom('%', '%zz', 'a=%E0%A4%A', '&&&', '=', 'grant_type', 'grant_type=refresh_token&refresh_token=', 'grant_type=client_credentials&grant_type=authorization_code') },
  { weight: 1, arbitrary: rawText },
  { weight: 1, arbitrary: value.map((body) => JSON.stringify(body) ?? 'null') },
);

/** Mostly the endpoint's own content type; sometimes another, or none. */
const contentType = (form: boolean) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant(form ? 'application/x-www-form-urlencoded' : 'application/json') },
    { weight: 1, arbitrary: fc.constant(form ? 'application/json' : 'application/x-www-form-urlencoded') },
    { weight: 1, arbitrary: fc.constantFrom('text/plain', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', '') },
  );

// ── the database ────────────────────────────────────────────────────────────────────────────
let tables: string[] = [];

/** A checksum of every table's rows (one query): equal before and after means nothing changed. */
async function databaseChecksum(): Promise<string> {
  const parts = tables.map((table) => `(SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') FROM "${table}" t)`);
  const rows = await db.$queryRawUnsafe<{ sum: string }[]>(`SELECT md5(concat_ws('|', ${parts.join(', ')})) AS sum`);
  return rows[0]!.sum;
}

// ── the run ─────────────────────────────────────────────────────────────────────────────────
let rootToken = '';
let admin = { cookie: '', csrfToken: '' };
let all: Endpoint[] = [];

beforeAll(async () => {
  overrideConfigForTesting({ embeddedAuthOrigins: [EMBEDDED_ORIGIN] });
  await ensureSeeded();
  rootToken = await s2sToken(['root']);
  const superAdmin = await makeUser({ roles: [SUPER_ADMIN_ROLE] });
  admin = await makeAdminSession(superAdmin.id);
  all = await endpoints();
  tables = (
    await db.$queryRaw<{ tablename: string }[]>`SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename`
  )
    .map((row) => row.tablename)
    // the fuzzing dashboard session's own bookkeeping: lastSeenAt is written once a minute of use
    .filter((table) => table !== 'admin_sessions');
}, 120_000);

afterAll(() => resetConfigForTesting());

function requestFor(endpoint: Endpoint, body: string, type: string, index: number): NextRequest {
  const headers: Record<string, string> = {};
  if (type) headers['content-type'] = type;
  if (endpoint.path.startsWith('/api/')) {
    // half the bodies as an S2S app, half as the dashboard (session cookie, same origin, CSRF token)
    if (index % 2 === 0) headers.authorization = `Bearer ${rootToken}`;
    else Object.assign(headers, { cookie: `${adminSessionCookieName()}=${admin.cookie}`, origin: SERVER, [CSRF_HEADER]: admin.csrfToken });
  }
  if (endpoint.path.startsWith('/embedded-auth/')) headers.origin = EMBEDDED_ORIGIN;
  if (endpoint.path.startsWith('/admin/')) headers.origin = SERVER;
  return new NextRequest(new URL(endpoint.path, SERVER), { method: endpoint.method, headers, body });
}

/** A structured answer: < 500; an error is JSON with a string `error` (or a redirect to an error page). */
async function problem(response: Response): Promise<string | null> {
  if (response.status >= 500) return `status ${response.status}: ${(await response.text()).slice(0, 300)}`;
  if (response.status < 400) return null;
  const text = await response.text();
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    return typeof parsed.error === 'string' ? null : `status ${response.status} without an error code: ${text.slice(0, 200)}`;
  } catch {
    return `status ${response.status} is not JSON: ${text.slice(0, 200)}`;
  }
}

describe('issue 12 item 16: fuzzing every JSON and form endpoint', () => {
  it('issue 12 item 16: the routes on the filesystem are all found, /oauth2, /identity, /embedded-auth, /api/v1 and /admin among them', () => {
    for (const prefix of ['/oauth2/', '/identity/', '/embedded-auth/', '/api/v1/', '/admin/']) {
      expect(all.some((endpoint) => endpoint.path.startsWith(prefix)), prefix).toBe(true);
    }
    expect(all.length).toBeGreaterThan(100);
  });

  it(
    `issue 12 item 16: up to ${BODIES_PER_ENDPOINT} malformed bodies per endpoint: every answer < 500 and structured; refused requests leave the database unchanged`,
    async () => {
      const failures: string[] = [];
      for (const [position, endpoint] of all.entries()) {
        const samples = fc.sample(fc.tuple(endpoint.form ? formBody : jsonBody, contentType(endpoint.form)), { numRuns: BODIES_PER_ENDPOINT, seed: SEED + position });
        let before = await databaseChecksum();
        const started = Date.now();
        const slice = BUDGET_MS / all.length;
        for (const [index, [body, type]] of samples.entries()) {
          if (BUDGET_MS > 0 && index >= MIN_BODIES && Date.now() - started > slice) break;
          const response = await endpoint.handler(requestFor(endpoint, body, type, index), { params: Promise.resolve(endpoint.params) });
          const found = await problem(response);
          if (found) failures.push(`${endpoint.method} ${endpoint.path} [${type}] ${JSON.stringify(body.slice(0, 200))}: ${found}`);
          // An accepted body may change the database; only refused ones must not.
          if (response.status < 400) before = await databaseChecksum();
          if (failures.length > 20) break;
        }
        if ((await databaseChecksum()) !== before) failures.push(`${endpoint.method} ${endpoint.path}: the database changed after refused requests`);
        if (failures.length > 20) break;
      }
      expect(failures).toEqual([]);
    },
    600_000,
  );
});
