import { z } from 'zod';
import { createOrg, deleteOrg, getOrg, listOrgActiveUsers, listOrgMembers, listOrgs, updateOrg } from '@/lib/orgs/admin';
import { createOrgInput, updateOrgInput } from '@/lib/orgs/schemas';
import { OrgErrors } from '@/lib/orgs/errors';
import { auditActor } from '../actor';
import { defineApiRoute } from '../define';
import { pageWindow, paginationQuery } from '../pagination';
import { orgRecord, userRecord } from '../records';

// Melody's wrapper keys: orgs / org, and { users, count } for the member lists. ENABLE_ORG gates
// every operation (400 feature_disabled).

const idParams = z.object({ id: z.string().uuid() });
const tag = 'Orgs';
const gate = OrgErrors.feature_disabled;
const usersPage = z.object({ users: z.array(userRecord), count: z.number().int().describe('Matching users in all pages') });

export const listOrgsRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/orgs',
  operationId: 'listOrgs',
  summary: 'List orgs (ENABLE_ORG)',
  tag,
  scopes: ['read_org'],
  response: z.object({ orgs: z.array(orgRecord) }),
  errors: [gate],
  handler: async () => ({ orgs: await listOrgs() }),
});

export const getOrgRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/orgs/{id}',
  operationId: 'getOrg',
  summary: 'Get an org with its branding (ENABLE_ORG)',
  tag,
  scopes: ['read_org'],
  params: idParams,
  response: z.object({ org: orgRecord }),
  errors: [gate, OrgErrors.org_not_found],
  handler: async ({ params }) => ({ org: await getOrg(params.id) }),
});

export const createOrgRoute = defineApiRoute({
  method: 'POST',
  path: '/api/v1/orgs',
  operationId: 'createOrg',
  summary: 'Create an org; branding fields are optional here too (ENABLE_ORG)',
  tag,
  scopes: ['write_org'],
  body: createOrgInput,
  response: z.object({ org: orgRecord }),
  successStatus: 201,
  errors: [gate, OrgErrors.org_name_taken, OrgErrors.org_slug_taken],
  handler: async ({ principal, body, ip }) => ({ org: await createOrg(auditActor(principal, ip), body) }),
});

export const updateOrgRoute = defineApiRoute({
  method: 'PUT',
  path: '/api/v1/orgs/{id}',
  operationId: 'updateOrg',
  summary: 'Update an org: name, slug, flags, branding (URLs, CSS colors, font family validated; "" clears an override) (ENABLE_ORG)',
  tag,
  scopes: ['write_org'],
  params: idParams,
  body: updateOrgInput,
  response: z.object({ org: orgRecord }),
  errors: [gate, OrgErrors.org_not_found, OrgErrors.org_name_taken, OrgErrors.org_slug_taken],
  handler: async ({ principal, params, body, ip }) => ({ org: await updateOrg(auditActor(principal, ip), params.id, body) }),
});

export const deleteOrgRoute = defineApiRoute({
  method: 'DELETE',
  path: '/api/v1/orgs/{id}',
  operationId: 'deleteOrg',
  summary: 'Delete an org with its groups and memberships; refused while it is any user’s active org (ENABLE_ORG)',
  tag,
  scopes: ['write_org'],
  params: idParams,
  successStatus: 204,
  errors: [gate, OrgErrors.org_not_found, OrgErrors.org_in_use],
  handler: async ({ principal, params, ip }) => deleteOrg(auditActor(principal, ip), params.id),
});

export const listOrgUsersRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/orgs/{id}/users',
  operationId: 'listOrgUsers',
  summary: 'Users whose active org is this org, oldest first (ENABLE_ORG)',
  tag,
  scopes: ['read_org', 'read_user'],
  params: idParams,
  query: paginationQuery.extend({
    search: z.string().trim().max(200).optional().describe('Every word must occur in the email, first or last name (case-insensitive)'),
  }),
  response: usersPage,
  errors: [gate, OrgErrors.org_not_found],
  handler: async ({ params, query }) => listOrgActiveUsers(params.id, { ...pageWindow(query), search: query.search }),
});

export const listOrgAllUsersRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/orgs/{id}/all-users',
  operationId: 'listOrgAllUsers',
  summary: 'Every member of the org, whatever their active org, oldest first (ENABLE_ORG)',
  tag,
  scopes: ['read_org', 'read_user'],
  params: idParams,
  query: paginationQuery,
  response: usersPage,
  errors: [gate, OrgErrors.org_not_found],
  handler: async ({ params, query }) => listOrgMembers(params.id, pageWindow(query)),
});
