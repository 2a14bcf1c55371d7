import { z } from 'zod';
import { ApiKeyErrors } from '@/lib/api-keys/errors';
import { createApiKeyInput } from '@/lib/api-keys/schemas';
import { createApiKey, getApiKey, listApiKeys, revokeApiKey } from '@/lib/api-keys/service';
import { AppErrors } from '@/lib/apps/errors';
import { apiCaller } from '../actor';
import { defineApiRoute } from '../define';

// API keys: root only (a key can be given any S2S scope, root included).
const tag = 'API keys';
const scopes = ['root'] as const;
const idParams = z.object({ id: z.string().uuid() });

const apiKeyRecord = z.object({
  id: z.string().uuid(),
  name: z.string(),
  prefix: z.string().describe('tsk_<prefix>: the public part of the key, to recognise it'),
  scopes: z.array(z.string()),
  ipAllowList: z.array(z.string()).describe('Addresses or CIDR ranges it may be used from; empty: anywhere'),
  expiresAt: z.string().nullable(),
  status: z.enum(['active', 'revoked', 'expired']),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable().describe('Last use, recorded at most once a minute'),
  lastUsedIp: z.string().nullable(),
  createdById: z.string().nullable().describe('The admin user who created it (null: an S2S app or the CLI; see the audit log)'),
  createdAt: z.string(),
});

export const listApiKeysRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/api-keys',
  operationId: 'listApiKeys',
  summary: 'List API keys, newest first (revoked and expired ones included)',
  tag,
  scopes,
  response: z.object({ apiKeys: z.array(apiKeyRecord) }),
  handler: async () => ({ apiKeys: await listApiKeys() }),
});

export const createApiKeyRoute = defineApiRoute({
  method: 'POST',
  path: '/api/v1/api-keys',
  operationId: 'createApiKey',
  summary: 'Create an API key; the key (tsk_…) is in this response only',
  tag,
  scopes,
  body: createApiKeyInput,
  response: z.object({
    apiKey: apiKeyRecord,
    key: z.string().describe('The key, shown this once: send it as X-API-Key or Authorization: Bearer'),
  }),
  successStatus: 201,
  errors: [ApiKeyErrors.invalid_ip_allow_list, AppErrors.unknown_scope, AppErrors.scope_type_mismatch],
  handler: async ({ principal, body, ip }) => createApiKey(apiCaller(principal, ip), body),
});

export const getApiKeyRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/api-keys/{id}',
  operationId: 'getApiKey',
  summary: 'Get an API key (never its secret)',
  tag,
  scopes,
  params: idParams,
  response: z.object({ apiKey: apiKeyRecord }),
  errors: [ApiKeyErrors.api_key_not_found],
  handler: async ({ params }) => ({ apiKey: await getApiKey(params.id) }),
});

export const revokeApiKeyRoute = defineApiRoute({
  method: 'POST',
  path: '/api/v1/api-keys/{id}/revoke',
  operationId: 'revokeApiKey',
  summary: 'Revoke an API key at once: every later use is 401 api_key_revoked',
  tag,
  scopes,
  params: idParams,
  response: z.object({ apiKey: apiKeyRecord }),
  errors: [ApiKeyErrors.api_key_not_found],
  handler: async ({ principal, params, ip }) => ({ apiKey: await revokeApiKey(apiCaller(principal, ip), params.id) }),
});
