import { z } from 'zod';
import {
  createUserApiInput,
  createUserWithPassword,
  deleteUser,
  getUser,
  listUsers,
  updateUser,
  updateUserInput,
  USER_SORT_FIELDS,
} from '@/lib/users/admin';
import { UserAttributeErrors } from '@/lib/user-attributes/errors';
import { UserErrors } from '@/lib/users/errors';
import { exportUsers, IMPORT_MAX_ROWS, importUserRow, importUsers } from '@/lib/users/transfer';
import { defineApiRoute } from '../define';
import { pageWindow, paginationQuery } from '../pagination';
import { userDetailRecord, userExportRecord, userRecord } from '../records';
import { authIdParams, userCaller } from './user-common';

const tag = 'Users';
export const listUsersRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/users',
  operationId: 'listUsers',
  summary: 'List users (paged, searchable, sortable)',
  tag,
  scopes: ['read_user'],
  query: paginationQuery.extend({
    search: z
      .string()
      .max(200)
      .optional()
      .describe('Case-insensitive prefix of the email, the full name ("first last") or the last name; or an exact authId'),
    sort_by: z.enum(USER_SORT_FIELDS).optional().describe('Default createdAt; lastSignInAt treats "never" as the oldest'),
    sort_order: z.enum(['asc', 'desc']).optional().describe('Default asc'),
  }),
  response: z.object({ users: z.array(userRecord), count: z.number().int().describe('Users matching the search, all pages') }),
  handler: async ({ query }) =>
    listUsers({ ...pageWindow(query), search: query.search, sortBy: query.sort_by, sortOrder: query.sort_order }),
});

export const exportUsersRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/users/export',
  operationId: 'exportUsers',
  summary: 'Export every user as NDJSON (application/x-ndjson), one user per line',
  tag,
  scopes: ['read_user'],
  query: z.object({
    include_password_hashes: z
      .enum(['true', 'false'])
      .optional()
      .describe('Add passwordHash and passwordAlgorithm to each line: root only'),
  }),
  response: userExportRecord,
  stream: 'ndjson',
  errors: [UserErrors.root_required],
  handler: ({ principal, query, ip }) =>
    exportUsers(userCaller(principal, ip), { includePasswordHashes: query.include_password_hashes === 'true' }),
});

export const getUserRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/users/{authId}',
  operationId: 'getUser',
  summary: 'Get a user with roles, orgs, org groups, attributes and metadata',
  tag,
  scopes: ['read_user'],
  params: authIdParams,
  response: z.object({ user: userDetailRecord }),
  errors: [UserErrors.user_not_found],
  handler: async ({ params }) => ({ user: await getUser(params.authId) }),
});

export const createUserRoute = defineApiRoute({
  method: 'POST',
  path: '/api/v1/users',
  operationId: 'createUser',
  summary: 'Create a user with a password (not in Melody Auth)',
  tag,
  scopes: ['write_user'],
  body: createUserApiInput,
  response: z.object({ user: userDetailRecord }),
  successStatus: 201,
  errors: [UserErrors.weak_password, UserErrors.email_taken, UserErrors.unknown_role, UserErrors.root_required],
  handler: async ({ principal, body, ip }) => ({ user: await createUserWithPassword(userCaller(principal, ip), body) }),
});

export const updateUserRoute = defineApiRoute({
  method: 'PUT',
  path: '/api/v1/users/{authId}',
  operationId: 'updateUser',
  summary: 'Update a user',
  tag,
  scopes: ['write_user'],
  params: authIdParams,
  body: updateUserInput,
  response: z.object({ user: userDetailRecord }),
  errors: [
    UserErrors.user_not_found,
    UserErrors.unknown_role,
    UserErrors.root_required,
    UserErrors.invitation_pending,
    UserErrors.metadata_too_large,
    UserErrors.org_not_joined,
    UserAttributeErrors.invalid_attribute_values,
  ],
  handler: async ({ principal, params, body, ip }) => ({ user: await updateUser(userCaller(principal, ip), params.authId, body) }),
});

export const deleteUserRoute = defineApiRoute({
  method: 'DELETE',
  path: '/api/v1/users/{authId}',
  operationId: 'deleteUser',
  summary: 'Delete a user and everything that is theirs (hard delete)',
  tag,
  scopes: ['write_user'],
  params: authIdParams,
  successStatus: 204,
  errors: [UserErrors.user_not_found],
  handler: async ({ principal, params, ip }) => deleteUser(userCaller(principal, ip), params.authId),
});

export const importUsersRoute = defineApiRoute({
  method: 'POST',
  path: '/api/v1/users/import',
  operationId: 'importUsers',
  summary: `Import up to ${IMPORT_MAX_ROWS} users, with bcrypt or argon2 hashes kept as they are (not in Melody Auth)`,
  tag,
  scopes: ['write_user'],
  body: z.object({ users: z.array(importUserRow).min(1).max(IMPORT_MAX_ROWS) }),
  response: z.object({
    results: z.array(
      z.object({
        index: z.number().int().describe('Position of the row in `users`'),
        email: z.string(),
        status: z.enum(['created', 'skipped', 'error']).describe('skipped: the email exists already or repeats an earlier row'),
        authId: z.string().uuid().optional(),
        error: z.string().optional(),
      }),
    ),
  }),
  handler: async ({ principal, body, ip }) => ({ results: await importUsers(userCaller(principal, ip), body.users) }),
});
