import { NextResponse } from 'next/server';
import { ZodError } from 'zod';
import { markDatabaseDown } from '@/lib/db/availability';
import { isDatabaseUnavailable } from '@/lib/db/errors';
import { AppError, CommonErrors, isAppError } from '@/lib/errors';
import { RETRY_AFTER_SECONDS } from '@/lib/health/unavailable-page';
import { RateLimitError } from '@/lib/rate-limit/errors';

// The one place where thrown errors become HTTP responses. Unknown errors are logged and
// answered with a generic 500: no stack trace or internal message ever reaches a client. A
// database that cannot be reached is not a bug: 503 service_unavailable with Retry-After.

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

function logUnexpected(error: unknown) {
  console.error('[tessera] unexpected error', error);
}

/** The database's unavailability as the AppError clients see; other errors unchanged. */
export function asServiceError(error: unknown): unknown {
  if (isAppError(error) || !isDatabaseUnavailable(error)) return error;
  // a lost connection is news for the availability state too (its probe then watches for the return)
  markDatabaseDown(error);
  console.warn('[tessera] database unavailable:', error instanceof Error ? error.message.split('\n').at(-1) : String(error));
  return new AppError(CommonErrors.service_unavailable);
}

/** The authentication challenge for a refused credential (RFC 6749 §5.2, RFC 6750 §3). */
function challengeHeaders(error: AppError): Record<string, string> {
  if (error.code === 'invalid_client' && error.status === 401) return { 'WWW-Authenticate': 'Basic realm="tessera"' };
  if (error.code === 'invalid_token' || error.code === 'insufficient_scope') {
    return { 'WWW-Authenticate': `Bearer error="${error.code}", error_description="${error.message.replace(/"/g, "'")}"` };
  }
  return {};
}

/** Retry-After (RFC 9110 §10.2.3) for a rate limit or lockout whose window ends. */
function retryHeaders(error: AppError): Record<string, string> {
  if (error.code === CommonErrors.service_unavailable.code) return { 'Retry-After': String(RETRY_AFTER_SECONDS) };
  return error instanceof RateLimitError && error.retryAfterSeconds !== undefined ? { 'Retry-After': String(error.retryAfterSeconds) } : {};
}

/**
 * A body too large to read ends the connection once the 413 is sent: the client may still be
 * sending it, and keeping the connection alive would mean reading (and discarding) the rest.
 */
function connectionHeaders(error: AppError): Record<string, string> {
  return error.code === CommonErrors.payload_too_large.code ? { Connection: 'close' } : {};
}

/** RFC 6749 §5.2 JSON errors for the OAuth endpoints. */
export function oauthErrorResponse(thrown: unknown, headers: Record<string, string> = {}): NextResponse {
  const error = asServiceError(thrown);
  if (isAppError(error)) {
    return NextResponse.json(
      { error: error.code, error_description: error.message },
      { status: error.status, headers: { ...NO_STORE, ...headers, ...challengeHeaders(error), ...retryHeaders(error), ...connectionHeaders(error) } },
    );
  }
  logUnexpected(error);
  return NextResponse.json({ error: 'server_error', error_description: 'The server encountered an unexpected condition.' }, { status: 500, headers: { ...NO_STORE, ...headers } });
}

/** `{ error, message, fields? }` for JSON APIs (hosted-page endpoints, S2S, embedded). */
export function apiErrorResponse(thrown: unknown): NextResponse {
  const error = asServiceError(thrown);
  if (error instanceof ZodError) {
    const fields = Object.fromEntries(error.issues.map((issue) => [issue.path.join('.') || '_', issue.message]));
    return NextResponse.json({ error: 'invalid_input', message: 'The request is invalid.', fields }, { status: 400, headers: NO_STORE });
  }
  if (isAppError(error)) {
    return NextResponse.json(
      { error: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) },
      { status: error.status, headers: { ...NO_STORE, ...challengeHeaders(error), ...retryHeaders(error), ...connectionHeaders(error) } },
    );
  }
  logUnexpected(error);
  return NextResponse.json({ error: 'server_error', message: 'Something went wrong on our side.' }, { status: 500, headers: NO_STORE });
}

export { NO_STORE };
