import { z } from 'zod';
import { OrgErrors } from '@/lib/orgs/errors';
import { addUserToOrgGroup, listUserOrgs, removeUserFromOrgGroup, replaceUserOrgs, replaceUserOrgsInput } from '@/lib/orgs/memberships';
import { UserErrors } from '@/lib/users/errors';
import { auditActor } from '../actor';
import { defineApiRoute } from '../define';
import { orgRecord } from '../records';

// A user's orgs and org groups (Melody's /users/:authId/orgs and /users/:authId/org-groups/:id).
// Rules in lib/orgs/memberships.ts. Gated on ENABLE_ORG (400 feature_disabled).

const tag = 'Users';
const authIdParams = z.object({ authId: z.string().uuid() });
const groupParams = authIdParams.extend({ orgGroupId: z.string().uuid() });
const gate = OrgErrors.feature_disabled;

export const listUserOrgsRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/users/{authId}/orgs',
  operationId: 'listUserOrgs',
  summary: 'Orgs the user belongs to, without branding-only orgs (ENABLE_ORG)',
  tag,
  scopes: ['read_user', 'read_org'],
  params: authIdParams,
  response: z.object({ orgs: z.array(orgRecord) }),
  errors: [gate, UserErrors.user_not_found],
  handler: async ({ params }) => ({ orgs: await listUserOrgs(params.authId) }),
});

export const replaceUserOrgsRoute = defineApiRoute({
  method: 'POST',
  path: '/api/v1/users/{authId}/orgs',
  operationId: 'replaceUserOrgs',
  summary:
    'Replace the user’s org memberships; removing an org clears it as active org and removes the user from its groups; new orgs must not be branding-only (ENABLE_ORG)',
  tag,
  scopes: ['write_user', 'write_org'],
  params: authIdParams,
  body: replaceUserOrgsInput,
  response: z.object({ success: z.literal(true), orgs: z.array(orgRecord).describe('The memberships afterwards, as GET returns them') }),
  errors: [gate, UserErrors.user_not_found, OrgErrors.unknown_org, OrgErrors.branding_only_org],
  handler: async ({ principal, params, body, ip }) => ({
    success: true as const,
    orgs: await replaceUserOrgs(auditActor(principal, ip), params.authId, body.orgs),
  }),
});

export const addUserToOrgGroupRoute = defineApiRoute({
  method: 'POST',
  path: '/api/v1/users/{authId}/org-groups/{orgGroupId}',
  operationId: 'addUserToOrgGroup',
  summary: 'Add the user to a group of one of their orgs (a member already: nothing changes) (ENABLE_ORG)',
  tag,
  scopes: ['write_user', 'write_org'],
  params: groupParams,
  response: z.object({ success: z.literal(true) }),
  errors: [gate, UserErrors.user_not_found, OrgErrors.org_group_not_found, OrgErrors.org_group_not_in_user_orgs],
  handler: async ({ principal, params, ip }) => {
    await addUserToOrgGroup(auditActor(principal, ip), params.authId, params.orgGroupId);
    return { success: true as const };
  },
});

export const removeUserFromOrgGroupRoute = defineApiRoute({
  method: 'DELETE',
  path: '/api/v1/users/{authId}/org-groups/{orgGroupId}',
  operationId: 'removeUserFromOrgGroup',
  summary: 'Remove the user from an org group (ENABLE_ORG)',
  tag,
  scopes: ['write_user', 'write_org'],
  params: groupParams,
  successStatus: 204,
  errors: [gate, UserErrors.user_not_found, OrgErrors.org_group_not_found, OrgErrors.not_in_org_group],
  handler: async ({ principal, params, ip }) => removeUserFromOrgGroup(auditActor(principal, ip), params.authId, params.orgGroupId),
});
