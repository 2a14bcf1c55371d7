import { z } from 'zod';
import { createOrgGroup, deleteOrgGroup, listOrgGroups, listOrgGroupUsers, updateOrgGroup } from '@/lib/orgs/admin';
import { createOrgGroupInput, updateOrgGroupInput } from '@/lib/orgs/schemas';
import { OrgErrors } from '@/lib/orgs/errors';
import { auditActor } from '../actor';
import { defineApiRoute } from '../define';
import { pageWindow, paginationQuery } from '../pagination';
import { orgGroupRecord, userRecord } from '../records';

// Melody's wrapper keys: orgGroups / orgGroup, users. Gated on ENABLE_ORG (and the code-level
// enableOrgGroup): 400 feature_disabled.

const idParams = z.object({ id: z.string().uuid() });
const tag = 'Org groups';
const gate = OrgErrors.feature_disabled;

export const listOrgGroupsRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/org-groups',
  operationId: 'listOrgGroups',
  summary: 'List the groups of an org (ENABLE_ORG)',
  tag,
  scopes: ['read_org'],
  query: z.object({ org_id: z.string().uuid().describe('The org') }),
  response: z.object({ orgGroups: z.array(orgGroupRecord) }),
  errors: [gate, OrgErrors.org_not_found],
  handler: async ({ query }) => ({ orgGroups: await listOrgGroups(query.org_id) }),
});

export const createOrgGroupRoute = defineApiRoute({
  method: 'POST',
  path: '/api/v1/org-groups',
  operationId: 'createOrgGroup',
  summary: 'Create a group in an org; names are unique per org (ENABLE_ORG)',
  tag,
  scopes: ['write_org'],
  body: createOrgGroupInput,
  response: z.object({ orgGroup: orgGroupRecord }),
  successStatus: 201,
  errors: [gate, OrgErrors.unknown_org, OrgErrors.org_group_name_taken],
  handler: async ({ principal, body, ip }) => ({ orgGroup: await createOrgGroup(auditActor(principal, ip), body) }),
});

export const updateOrgGroupRoute = defineApiRoute({
  method: 'PUT',
  path: '/api/v1/org-groups/{id}',
  operationId: 'updateOrgGroup',
  summary: 'Rename an org group (ENABLE_ORG)',
  tag,
  scopes: ['write_org'],
  params: idParams,
  body: updateOrgGroupInput,
  response: z.object({ orgGroup: orgGroupRecord }),
  errors: [gate, OrgErrors.org_group_not_found, OrgErrors.org_group_name_taken],
  handler: async ({ principal, params, body, ip }) => ({ orgGroup: await updateOrgGroup(auditActor(principal, ip), params.id, body) }),
});

export const deleteOrgGroupRoute = defineApiRoute({
  method: 'DELETE',
  path: '/api/v1/org-groups/{id}',
  operationId: 'deleteOrgGroup',
  summary: 'Delete an org group and its memberships (ENABLE_ORG)',
  tag,
  scopes: ['write_org'],
  params: idParams,
  successStatus: 204,
  errors: [gate, OrgErrors.org_group_not_found],
  handler: async ({ principal, params, ip }) => deleteOrgGroup(auditActor(principal, ip), params.id),
});

export const listOrgGroupUsersRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/org-groups/{id}/users',
  operationId: 'listOrgGroupUsers',
  summary: 'Members of an org group, oldest first (ENABLE_ORG)',
  tag,
  scopes: ['read_user', 'read_org'],
  params: idParams,
  query: paginationQuery,
  response: z.object({ users: z.array(userRecord), count: z.number().int().describe('Members in all pages') }),
  errors: [gate, OrgErrors.org_group_not_found],
  handler: async ({ params, query }) => listOrgGroupUsers(params.id, pageWindow(query)),
});
