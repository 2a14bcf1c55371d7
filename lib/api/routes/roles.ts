import { z } from 'zod';
import { RoleErrors } from '@/lib/roles/errors';
import { createRole, deleteRole, getRole, listRoles, updateRole } from '@/lib/roles/admin';
import { listRoleUsers } from '@/lib/users/admin';
import { createRoleInput, updateRoleInput } from '@/lib/roles/schemas';
import { apiCaller } from '../actor';
import { defineApiRoute } from '../define';
import { pageWindow, paginationQuery } from '../pagination';
import { roleRecord, userRecord } from '../records';

const idParams = z.object({ id: z.string().uuid() });
const tag = 'Roles';

export const listRolesRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/roles',
  operationId: 'listRoles',
  summary: 'List roles',
  tag,
  scopes: ['read_role'],
  response: z.object({ roles: z.array(roleRecord) }),
  handler: async () => ({ roles: await listRoles() }),
});

export const getRoleRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/roles/{id}',
  operationId: 'getRole',
  summary: 'Get a role',
  tag,
  scopes: ['read_role'],
  params: idParams,
  response: z.object({ role: roleRecord }),
  handler: async ({ params }) => ({ role: await getRole(params.id) }),
});

export const createRoleRoute = defineApiRoute({
  method: 'POST',
  path: '/api/v1/roles',
  operationId: 'createRole',
  summary: 'Create a role (adminScopes: only those the caller holds; impersonation and manage_saml need root)',
  tag,
  scopes: ['write_role'],
  body: createRoleInput,
  response: z.object({ role: roleRecord }),
  successStatus: 201,
  errors: [RoleErrors.built_in_role, RoleErrors.role_name_taken, RoleErrors.admin_scope_not_held],
  handler: async ({ principal, body, ip }) => ({ role: await createRole(apiCaller(principal, ip), body) }),
});

export const updateRoleRoute = defineApiRoute({
  method: 'PUT',
  path: '/api/v1/roles/{id}',
  operationId: 'updateRole',
  summary: 'Update a role (super_admin: root only, never its name or admin scopes)',
  tag,
  scopes: ['write_role'],
  params: idParams,
  body: updateRoleInput,
  response: z.object({ role: roleRecord }),
  errors: [RoleErrors.built_in_role, RoleErrors.role_name_taken, RoleErrors.admin_scope_not_held],
  handler: async ({ principal, params, body, ip }) => ({ role: await updateRole(apiCaller(principal, ip), params.id, body) }),
});

export const deleteRoleRoute = defineApiRoute({
  method: 'DELETE',
  path: '/api/v1/roles/{id}',
  operationId: 'deleteRole',
  summary: 'Delete a role (not super_admin); its users lose it',
  tag,
  scopes: ['write_role'],
  params: idParams,
  successStatus: 204,
  errors: [RoleErrors.built_in_role, RoleErrors.admin_scope_not_held],
  handler: async ({ principal, params, ip }) => deleteRole(apiCaller(principal, ip), params.id),
});

export const listRoleUsersRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/roles/{id}/users',
  operationId: 'listRoleUsers',
  summary: 'List the users holding a role, oldest first',
  tag,
  scopes: ['read_user', 'read_role'],
  params: idParams,
  query: paginationQuery,
  response: z.object({ users: z.array(userRecord), count: z.number().int().describe('Users holding the role') }),
  handler: async ({ params, query }) => listRoleUsers(params.id, pageWindow(query)),
});
