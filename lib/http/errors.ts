import { NextResponse } from 'next/server';
import { ZodError } from 'zod';
import { isAppError, type AppError } from '@/lib/errors';
import { RateLimitError } from '@/lib/rate-limit/errors';

// The one place where thrown errors become HTTP responses. Unknown errors are logged and
// answered with a generic 500: no stack trace or internal message ever reaches a client.

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

function logUnexpected(error: unknown) {
  console.error('[tessera] unexpected error', error);
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
  return error instanceof RateLimitError && error.retryAfterSeconds !== undefined ? { 'Retry-After': String(error.retryAfterSeconds) } : {};
}

/** RFC 6749 §5.2 JSON errors for the OAuth endpoints. */
export function oauthErrorResponse(error: unknown, headers: Record<string, string> = {}): NextResponse {
  if (isAppError(error)) {
    return NextResponse.json(
      { error: error.code, error_description: error.message },
      { status: error.status, headers: { ...NO_STORE, ...headers, ...challengeHeaders(error), ...retryHeaders(error) } },
    );
  }
  logUnexpected(error);
  return NextResponse.json({ error: 'server_error', error_description: 'The server encountered an unexpected condition.' }, { status: 500, headers: { ...NO_STORE, ...headers } });
}

/** `{ error, message, fields? }` for JSON APIs (hosted-page endpoints, S2S, embedded). */
export function apiErrorResponse(error: unknown): NextResponse {
  if (error instanceof ZodError) {
    const fields = Object.fromEntries(error.issues.map((issue) => [issue.path.join('.') || '_', issue.message]));
    return NextResponse.json({ error: 'invalid_input', message: 'The request is invalid.', fields }, { status: 400, headers: NO_STORE });
  }
  if (isAppError(error)) {
    return NextResponse.json(
      { error: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) },
      { status: error.status, headers: { ...NO_STORE, ...challengeHeaders(error), ...retryHeaders(error) } },
    );
  }
  logUnexpected(error);
  return NextResponse.json({ error: 'server_error', message: 'Something went wrong on our side.' }, { status: 500, headers: NO_STORE });
}

export { NO_STORE };
