import { z } from 'zod';
import { ScopeErrors } from '@/lib/scopes/errors';
import { createScope, deleteScope, getScope, listScopes, updateScope } from '@/lib/scopes/admin';
import { createScopeInput, updateScopeInput } from '@/lib/scopes/schemas';
import { auditActor } from '../actor';
import { defineApiRoute } from '../define';
import { scopeDetailRecord, scopeRecord } from '../records';

const idParams = z.object({ id: z.string().uuid() });
const tag = 'Scopes';

export const listScopesRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/scopes',
  operationId: 'listScopes',
  summary: 'List scopes',
  tag,
  scopes: ['read_scope'],
  response: z.object({ scopes: z.array(scopeRecord) }),
  handler: async () => ({ scopes: await listScopes() }),
});

export const getScopeRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/scopes/{id}',
  operationId: 'getScope',
  summary: 'Get a scope with its consent texts per locale',
  tag,
  scopes: ['read_scope'],
  params: idParams,
  response: z.object({ scope: scopeDetailRecord }),
  handler: async ({ params }) => ({ scope: await getScope(params.id) }),
});

export const createScopeRoute = defineApiRoute({
  method: 'POST',
  path: '/api/v1/scopes',
  operationId: 'createScope',
  summary: 'Create a scope',
  tag,
  scopes: ['write_scope'],
  body: createScopeInput,
  response: z.object({ scope: scopeDetailRecord }),
  successStatus: 201,
  errors: [ScopeErrors.built_in_scope, ScopeErrors.scope_name_taken],
  handler: async ({ principal, body, ip }) => ({ scope: await createScope(auditActor(principal, ip), body) }),
});

export const updateScopeRoute = defineApiRoute({
  method: 'PUT',
  path: '/api/v1/scopes/{id}',
  operationId: 'updateScope',
  summary: 'Update a scope (built-in scopes keep their name)',
  tag,
  scopes: ['write_scope'],
  params: idParams,
  body: updateScopeInput,
  response: z.object({ scope: scopeDetailRecord }),
  errors: [ScopeErrors.built_in_scope, ScopeErrors.scope_name_taken],
  handler: async ({ principal, params, body, ip }) => ({ scope: await updateScope(auditActor(principal, ip), params.id, body) }),
});

export const deleteScopeRoute = defineApiRoute({
  method: 'DELETE',
  path: '/api/v1/scopes/{id}',
  operationId: 'deleteScope',
  summary: 'Delete a scope (not a built-in one)',
  tag,
  scopes: ['write_scope'],
  params: idParams,
  successStatus: 204,
  errors: [ScopeErrors.built_in_scope],
  handler: async ({ principal, params, ip }) => deleteScope(auditActor(principal, ip), params.id),
});
