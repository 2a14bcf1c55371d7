import { config, SIGNING_ALGORITHMS } from '@/lib/config';
import { BUILT_IN_SCOPES } from '@/lib/access/builtin';
import { SUPPORTED_GRANT_TYPES } from './token-endpoint';

/** OpenID Provider Metadata (OIDC Discovery §3, RFC 8414). Lists only what is implemented. */
export function discoveryDocument() {
  const { issuer, authServerUrl, enablePlainPkceMethod } = config();
  return {
    issuer,
    authorization_endpoint: `${authServerUrl}/oauth2/v1/authorize`,
    token_endpoint: `${authServerUrl}/oauth2/v1/token`,
    userinfo_endpoint: `${authServerUrl}/oauth2/v1/userinfo`,
    device_authorization_endpoint: `${authServerUrl}/oauth2/v1/device_authorization`,
    jwks_uri: `${authServerUrl}/.well-known/jwks.json`,
    end_session_endpoint: `${authServerUrl}/oauth2/v1/logout`,
    revocation_endpoint: `${authServerUrl}/oauth2/v1/revoke`,
    introspection_endpoint: `${authServerUrl}/oauth2/v1/introspect`,
    scopes_supported: [...BUILT_IN_SCOPES],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: [...SUPPORTED_GRANT_TYPES],
    subject_types_supported: ['public'],
    // SIGNING_ALGORITHM's first; an app may choose any of them (id_token_signed_response_alg)
    id_token_signing_alg_values_supported: [config().signingAlgorithm, ...SIGNING_ALGORITHMS.filter((alg) => alg !== config().signingAlgorithm)],
    token_endpoint_auth_methods_supported: ['none', 'client_secret_basic', 'client_secret_post'],
    // Public clients revoke their own tokens by client_id alone (RFC 7009 §2.1); only S2S clients introspect.
    revocation_endpoint_auth_methods_supported: ['none', 'client_secret_basic', 'client_secret_post'],
    introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    code_challenge_methods_supported: enablePlainPkceMethod ? ['S256', 'plain'] : ['S256'],
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'amr', 'azp', 'at_hash', 'sid', 'email', 'email_verified', 'given_name', 'family_name', 'name', 'locale', 'roles', 'permissions', 'attributes', 'org', 'first_name', 'last_name'],
    prompt_values_supported: ['none', 'login', 'consent', 'select_account'],
    ui_locales_supported: config().supportedLocales,
    claims_parameter_supported: false,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    authorization_response_iss_parameter_supported: true,
  };
}
