import { defineErrors } from '@/lib/errors';

// Stable codes of the API-key credential: a client can tell a key to replace (revoked, expired)
// from a key it mistyped, and from a network the key may not be used from.
export const ApiKeyErrors = defineErrors({
  api_key_invalid: { status: 401, message: 'The API key is not valid.' },
  api_key_revoked: { status: 401, message: 'The API key was revoked.' },
  api_key_expired: { status: 401, message: 'The API key has expired.' },
  api_key_ip_not_allowed: { status: 403, message: 'The API key may not be used from this IP address.' },
  api_key_not_found: { status: 404, message: 'No such API key.' },
  invalid_ip_allow_list: { status: 400, message: 'An IP allow-list entry is not an IPv4 or IPv6 address or CIDR range.' },
});
