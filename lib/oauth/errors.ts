import { defineErrors } from '@/lib/errors';

/** RFC 6749 / OIDC error codes, with the HTTP status each maps to on the token endpoint. */
export const OAuthErrors = defineErrors({
  invalid_request: { status: 400, message: 'The request is missing a parameter or is malformed.' },
  invalid_client: { status: 401, message: 'Client authentication failed.' },
  invalid_grant: { status: 400, message: 'The grant is invalid, expired, revoked or was issued to another client.' },
  unauthorized_client: { status: 400, message: 'The client is not allowed to use this grant type.' },
  unsupported_grant_type: { status: 400, message: 'The grant type is not supported.' },
  unsupported_response_type: { status: 400, message: 'Only response_type=code is supported.' },
  invalid_scope: { status: 400, message: 'The requested scope is invalid or not allowed for this client.' },
  // 400 like every token endpoint error (RFC 6749 §5.2, RFC 8628 §3.5).
  access_denied: { status: 400, message: 'The user denied the request.' },
  authorization_pending: { status: 400, message: 'The user has not yet approved the device.' },
  slow_down: { status: 400, message: 'Polling too often: wait the interval (now 5 seconds longer) between requests.' },
  expired_token: { status: 400, message: 'The device code has expired. Start again.' },
  login_required: { status: 400, message: 'The user is not signed in.' },
  consent_required: { status: 400, message: 'The user has not consented.' },
  interaction_required: { status: 400, message: 'User interaction is required.' },
  invalid_token: { status: 401, message: 'The access token is invalid or expired.' },
  insufficient_scope: { status: 403, message: 'The access token does not carry the required scope.' },
  request_not_supported: { status: 400, message: 'Request objects are not supported.' },
  request_uri_not_supported: { status: 400, message: 'request_uri is not supported.' },
  unsupported_token_type: { status: 400, message: 'The server does not support revoking this type of token.' },
  server_error: { status: 500, message: 'The server encountered an unexpected condition.' },
});

/**
 * Authorize errors that must NOT be sent to the redirect URI (the client or URI could not be
 * trusted): shown on our own localized error page instead.
 */
export const AuthorizePageErrors = defineErrors({
  invalid_client: { status: 400, message: 'Unknown or inactive client.' },
  invalid_redirect_uri: { status: 400, message: 'The redirect URI is not registered for this client.' },
  invalid_request: { status: 400, message: 'The authorization request is malformed.' },
});
