import { z } from 'zod';
import { createUserAttribute, deleteUserAttribute, getUserAttribute, listUserAttributes, updateUserAttribute } from '@/lib/user-attributes/admin';
import { UserAttributeErrors } from '@/lib/user-attributes/errors';
import { createUserAttributeInput, updateUserAttributeInput } from '@/lib/user-attributes/schemas';
import { auditActor } from '../actor';
import { defineApiRoute } from '../define';
import { userAttributeRecord } from '../records';

// Melody's wrapper keys: userAttributes / userAttribute. Reads need read_user, writes root (as in
// Melody). ENABLE_USER_ATTRIBUTE gates every operation (400 feature_disabled).

const idParams = z.object({ id: z.string().uuid() });
const tag = 'User attributes';
const gate = UserAttributeErrors.feature_disabled;

export const listUserAttributesRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/user-attributes',
  operationId: 'listUserAttributes',
  summary: 'List user attributes (ENABLE_USER_ATTRIBUTE)',
  tag,
  scopes: ['read_user'],
  response: z.object({ userAttributes: z.array(userAttributeRecord) }),
  errors: [gate],
  handler: async () => ({ userAttributes: await listUserAttributes() }),
});

export const getUserAttributeRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/user-attributes/{id}',
  operationId: 'getUserAttribute',
  summary: 'Get a user attribute (ENABLE_USER_ATTRIBUTE)',
  tag,
  scopes: ['read_user'],
  params: idParams,
  response: z.object({ userAttribute: userAttributeRecord }),
  errors: [gate, UserAttributeErrors.user_attribute_not_found],
  handler: async ({ params }) => ({ userAttribute: await getUserAttribute(params.id) }),
});

export const createUserAttributeRoute = defineApiRoute({
  method: 'POST',
  path: '/api/v1/user-attributes',
  operationId: 'createUserAttribute',
  summary: 'Create a user attribute; validationRegex must compile and not nest quantifiers (root; ENABLE_USER_ATTRIBUTE)',
  tag,
  scopes: ['root'],
  body: createUserAttributeInput,
  response: z.object({ userAttribute: userAttributeRecord }),
  successStatus: 201,
  errors: [gate, UserAttributeErrors.user_attribute_name_taken],
  handler: async ({ principal, body, ip }) => ({ userAttribute: await createUserAttribute(auditActor(principal, ip), body) }),
});

export const updateUserAttributeRoute = defineApiRoute({
  method: 'PUT',
  path: '/api/v1/user-attributes/{id}',
  operationId: 'updateUserAttribute',
  summary: 'Update a user attribute; omitted fields keep their value (root; ENABLE_USER_ATTRIBUTE)',
  tag,
  scopes: ['root'],
  params: idParams,
  body: updateUserAttributeInput,
  response: z.object({ userAttribute: userAttributeRecord }),
  errors: [
    gate,
    UserAttributeErrors.user_attribute_not_found,
    UserAttributeErrors.user_attribute_name_taken,
    UserAttributeErrors.user_attribute_values_not_unique,
  ],
  handler: async ({ principal, params, body, ip }) => ({ userAttribute: await updateUserAttribute(auditActor(principal, ip), params.id, body) }),
});

export const deleteUserAttributeRoute = defineApiRoute({
  method: 'DELETE',
  path: '/api/v1/user-attributes/{id}',
  operationId: 'deleteUserAttribute',
  summary: 'Delete a user attribute and every user’s value of it (root; ENABLE_USER_ATTRIBUTE)',
  tag,
  scopes: ['root'],
  params: idParams,
  successStatus: 204,
  errors: [gate, UserAttributeErrors.user_attribute_not_found],
  handler: async ({ principal, params, ip }) => deleteUserAttribute(auditActor(principal, ip), params.id),
});
