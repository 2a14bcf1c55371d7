import { defineErrors } from '@/lib/errors';

export const SamlErrors = defineErrors({
  idp_not_found: { status: 404, message: 'No SAML identity provider with this id.' },
  idp_name_taken: { status: 409, message: 'A SAML identity provider with this name already exists.' },
  feature_disabled: { status: 400, message: 'SAML SSO is disabled (ENABLE_SAML_SSO_AS_SP=false).' },
});
