import { z } from 'zod';
import { SamlErrors } from '@/lib/saml/errors';
import { createIdp, createIdpInput, deleteIdp, getIdp, listIdps, updateIdp, updateIdpInput } from '@/lib/saml/admin';
import { auditActor } from '../actor';
import { defineApiRoute } from '../define';
import { samlIdpRecord } from '../records';

const idParams = z.object({ id: z.string().uuid() });
const tag = 'SAML identity providers';
const scopes = ['root'];
// Dashboard admins whose role has manage_saml may manage SAML IdPs too (S2S apps need root).
const adminScope = 'manage_saml';
const gate = SamlErrors.feature_disabled;

export const listSamlIdpsRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/saml/idps',
  operationId: 'listSamlIdps',
  summary: 'List SAML identity providers (ENABLE_SAML_SSO_AS_SP)',
  tag,
  scopes,
  adminScope,
  response: z.object({ idps: z.array(samlIdpRecord) }),
  errors: [gate],
  handler: async () => ({ idps: await listIdps() }),
});

export const getSamlIdpRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/saml/idps/{id}',
  operationId: 'getSamlIdp',
  summary: 'Get a SAML identity provider (ENABLE_SAML_SSO_AS_SP)',
  tag,
  scopes,
  adminScope,
  params: idParams,
  response: z.object({ idp: samlIdpRecord }),
  errors: [gate],
  handler: async ({ params }) => ({ idp: await getIdp(params.id) }),
});

export const createSamlIdpRoute = defineApiRoute({
  method: 'POST',
  path: '/api/v1/saml/idps',
  operationId: 'createSamlIdp',
  summary: 'Register a SAML identity provider from its metadata XML (ENABLE_SAML_SSO_AS_SP)',
  tag,
  scopes,
  adminScope,
  body: createIdpInput,
  response: z.object({ idp: samlIdpRecord }),
  successStatus: 201,
  errors: [gate, SamlErrors.idp_name_taken],
  handler: async ({ principal, body, ip }) => ({ idp: await createIdp(auditActor(principal, ip), body) }),
});

export const updateSamlIdpRoute = defineApiRoute({
  method: 'PUT',
  path: '/api/v1/saml/idps/{id}',
  operationId: 'updateSamlIdp',
  summary: 'Update a SAML identity provider (its name is fixed) (ENABLE_SAML_SSO_AS_SP)',
  tag,
  scopes,
  adminScope,
  params: idParams,
  body: updateIdpInput,
  response: z.object({ idp: samlIdpRecord }),
  errors: [gate],
  handler: async ({ principal, params, body, ip }) => ({ idp: await updateIdp(auditActor(principal, ip), params.id, body) }),
});

export const deleteSamlIdpRoute = defineApiRoute({
  method: 'DELETE',
  path: '/api/v1/saml/idps/{id}',
  operationId: 'deleteSamlIdp',
  summary: 'Delete a SAML identity provider (ENABLE_SAML_SSO_AS_SP)',
  tag,
  scopes,
  adminScope,
  params: idParams,
  successStatus: 204,
  errors: [gate],
  handler: async ({ principal, params, ip }) => deleteIdp(auditActor(principal, ip), params.id),
});
