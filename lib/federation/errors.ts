import { defineErrors } from '@/lib/errors';

// Every code federation answers with. The hosted error page (/identity/v1/external-error) shows a
// localized message per code (messages/<locale>/federation.json, `federation.errors`); a
// provider's own error text is never shown or returned.
export const FederationErrors = defineErrors({
  // Sign-in through a provider (hosted pages)
  provider_not_found: { status: 404, message: 'No identity provider with this name.' },
  provider_disabled: { status: 403, message: 'This identity provider is turned off.' },
  external_state_invalid: { status: 400, message: 'The answer from the identity provider does not belong to a sign-in started in this browser.' },
  external_callback_replayed: { status: 400, message: 'This answer from the identity provider was already used.' },
  external_access_denied: { status: 403, message: 'The sign-in was cancelled or refused at the identity provider.' },
  external_provider_error: { status: 502, message: 'The identity provider answered with an error.' },
  external_provider_unreachable: { status: 502, message: 'The identity provider could not be reached.' },
  external_token_invalid: { status: 401, message: 'The identity provider’s token failed verification.' },
  external_email_unverified: { status: 403, message: 'The identity provider did not confirm the account’s email address.' },
  // Linking (hosted link step, manage_linked_accounts, S2S)
  link_not_pending: { status: 409, message: 'No identity is waiting to be linked for this sign-in.' },
  link_proof_failed: { status: 401, message: 'The password or code is incorrect.' },
  identity_not_found: { status: 404, message: 'No linked identity with this id.' },
  identity_taken: { status: 409, message: 'This external identity is already linked to another account.' },
  last_sign_in_method: { status: 409, message: 'This is the account’s last way to sign in: it cannot be removed.' },
  // Provider management (S2S API, dashboard)
  provider_name_taken: { status: 409, message: 'An identity provider with this name already exists.' },
  provider_from_environment: { status: 409, message: 'This provider is configured by environment variables and is read-only.' },
  discovery_unreachable: { status: 400, message: 'The issuer’s discovery document could not be fetched.' },
  discovery_invalid: { status: 400, message: 'The issuer’s discovery document is not valid.' },
});

export type FederationErrorCode = keyof typeof FederationErrors;
