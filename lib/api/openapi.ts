import { z } from 'zod';
import { AccessErrors } from '@/lib/access/errors';
import { USER_TARGET_PARAMS } from '@/lib/access/targets';
import { ADMIN_SESSION_COOKIE } from '@/lib/admin/cookies';
import { ApiKeyErrors } from '@/lib/api-keys/errors';
import { EVENT_CATALOG, eventEnvelope, EVENT_TYPES, TEST_EVENT } from '@/lib/events/catalog';
import type { ApiRoute } from './define';

// Builds the OpenAPI 3.1 document from the same zod schemas that validate requests.
// OpenAPI 3.1 schemas are JSON Schema 2020-12, which zod emits natively.

type JsonSchema = Record<string, unknown>;

/** A zod schema as OpenAPI 3.1 (JSON Schema 2020-12), as requests (`input`) or answers (`output`) see it. */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function parameters(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (object.required ?? []).includes(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

export const errorBody = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', description: 'Stable error code' },
    message: { type: 'string' },
    fields: { type: 'object', additionalProperties: { type: 'string' } },
  },
};

function errorResponses(route: ApiRoute) {
  const content = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
  const descriptions = new Map<number, string[]>();
  const add = (status: number, text: string) => descriptions.set(status, [...(descriptions.get(status) ?? []), text]);
  if (route.body || route.query) add(400, '`invalid_input`: the request does not match the schema (see `fields`)');
  add(401, '`invalid_token`: missing, invalid or expired access token');
  add(401, '`admin_session_expired` (admin session cookie): the dashboard session has expired or ended');
  for (const error of [ApiKeyErrors.api_key_invalid, ApiKeyErrors.api_key_revoked, ApiKeyErrors.api_key_expired, ApiKeyErrors.api_key_ip_not_allowed]) {
    add(error.status, `\`${error.code}\` (API key): ${error.message}`);
  }
  const alternative = route.adminScope ? `; an admin session may hold \`${route.adminScope}\` instead` : '';
  add(403, `\`insufficient_scope\`: the token needs ${route.scopes.join(' + ') || 'no particular scope'} (root grants all${alternative})`);
  add(403, '`admin_access_required` (admin session cookie): the signed-in user holds no admin right');
  if (route.method !== 'GET') add(403, '`csrf_check_failed` (admin session cookie): the write lacks a same-origin `Origin` or the `X-Tessera-CSRF` header');
  if (route.method !== 'GET' && USER_TARGET_PARAMS.some((name) => route.path.includes(`{${name}}`))) {
    add(403, `\`${AccessErrors.target_outranks_caller.code}\`: ${AccessErrors.target_outranks_caller.message}`);
  }
  if (route.params) add(404, '`not_found`: no such resource');
  for (const error of route.errors ?? []) add(error.status, `\`${error.code}\`: ${error.message}`);
  return Object.fromEntries([...descriptions].map(([status, texts]) => [status, { description: texts.join('\n\n'), content }]));
}

export function buildOpenApiDocument(routes: readonly ApiRoute[], info: { title: string; version: string; serverUrl: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const status = route.successStatus ?? 200;
    const operation = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      // OpenAPI 3.1: scopes of a non-OAuth scheme are role names; the admin's roles map to them.
      security: [{ bearerAuth: route.scopes }, { apiKey: route.scopes }, { adminSession: route.scopes }],
      'x-required-scopes': route.scopes,
      ...(route.adminScope ? { 'x-admin-scope': route.adminScope } : {}),
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      ...(route.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } }
        : {}),
      responses: {
        [status]:
          status === 204 || !route.response
            ? { description: 'Done' }
            : route.stream === 'ndjson'
              ? {
                  description: 'Success: newline-delimited JSON, one document per line, each matching the schema',
                  content: { 'application/x-ndjson': { schema: jsonSchema(route.response, 'output') } },
                }
              : { description: 'Success', content: { 'application/json': { schema: jsonSchema(route.response, 'output') } } },
        ...errorResponses(route),
      },
    };
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    webhooks: eventWebhooks(),
    info: { title: info.title, version: info.version },
    servers: [{ url: info.serverUrl }],
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token from the client_credentials grant of an S2S app' },
        apiKey: {
          type: 'apiKey',
          in: 'header',
          name: 'X-API-Key',
          description:
            'An API key (`tsk_<prefix>_<secret>`, created by root in the dashboard, the API or the CLI) with its S2S scopes. ' +
            'It may equally be sent as `Authorization: Bearer tsk_…`. Revoked or expired keys get 401 `api_key_revoked` / `api_key_expired`; ' +
            'a key with an IP allow-list used from elsewhere gets 403 `api_key_ip_not_allowed`.',
        },
        adminSession: {
          type: 'apiKey',
          in: 'cookie',
          name: ADMIN_SESSION_COOKIE,
          description:
            `The admin dashboard's session cookie (\`${ADMIN_SESSION_COOKIE}\`, \`__Host-${ADMIN_SESSION_COOKIE}\` when AUTH_SERVER_URL is https), set by ` +
            'signing in at /admin. Its user\'s roles give the scopes: super_admin = root, other roles their admin scopes, re-read on every request. ' +
            'Used only when no Authorization header is sent. POST, PUT and DELETE also need `Origin` = the server\'s origin and ' +
            '`X-Tessera-CSRF` = the session\'s CSRF token (in the dashboard page\'s `<meta name="tessera-csrf-token">`).',
        },
      },
      schemas: { Error: errorBody },
    },
    paths,
  };
}

const SIGNATURE_HEADERS = [
  { name: 'webhook-id', in: 'header', required: true, description: 'The event id; the same on retries and redeliveries (deduplicate on it)', schema: { type: 'string' } },
  { name: 'webhook-timestamp', in: 'header', required: true, description: 'Unix seconds of the attempt', schema: { type: 'string' } },
  {
    name: 'webhook-signature',
    in: 'header',
    required: true,
    description: 'Standard Webhooks: space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>` with the whsec_ secret (two during the 24 h after a rotation)',
    schema: { type: 'string' },
  },
];

/** OpenAPI 3.1 `webhooks`: what an endpoint receives, one entry per event type (its versioned payload). */
function eventWebhooks() {
  const entries: [string, { type: string; version: number; description: string; data: z.ZodType }][] = [
    ...EVENT_TYPES.map((type) => [type, { type, ...EVENT_CATALOG[type] }] as [string, { type: string; version: number; description: string; data: z.ZodType }]),
    [TEST_EVENT.type, TEST_EVENT],
  ];
  return Object.fromEntries(
    entries.map(([type, definition]) => {
      const envelope = eventEnvelope.extend({ type: z.literal(type), version: z.literal(definition.version), data: definition.data });
      return [
        type,
        {
          post: {
            operationId: `event:${type}`,
            summary: `${type} (version ${definition.version})`,
            description: definition.description,
            tags: ['Events'],
            parameters: SIGNATURE_HEADERS,
            requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(envelope, 'output') } } },
            responses: { '2XX': { description: 'Received; any other answer (or none within 10 s) is retried with back-off for 24 h' } },
          },
        },
      ];
    }),
  );
}
