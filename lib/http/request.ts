import type { NextRequest, NextResponse } from 'next/server';
import type { z } from 'zod';
import { config } from '@/lib/config';
import { AppError, CommonErrors } from '@/lib/errors';
import { OAuthErrors } from '@/lib/oauth/errors';
import type { CookieSpec } from '@/lib/identity/cookies';

const MAX_JSON_BYTES = 64 * 1024;

/**
 * CSRF defence for state-changing browser requests: JSON only (a cross-site form cannot send
 * it without a CORS preflight) and, when the browser sends Origin, it must be our own.
 */
export async function readSameOriginJson<T extends z.ZodType>(request: NextRequest, schema: T): Promise<z.output<T>> {
  const origin = request.headers.get('origin');
  if (origin !== null && origin !== config().serverOrigin) throw new AppError(CommonErrors.forbidden_origin);
  if (!request.headers.get('content-type')?.toLowerCase().startsWith('application/json')) {
    throw new AppError(CommonErrors.unsupported_media_type, 'Send application/json.');
  }
  const text = await request.text();
  if (text.length > MAX_JSON_BYTES) throw new AppError(CommonErrors.invalid_input, 'The request body is too large.');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError(CommonErrors.invalid_input, 'The request body is not valid JSON.');
  }
  return schema.parse(body);
}

/** Reads an application/x-www-form-urlencoded body (OAuth endpoints). */
export async function readForm(request: NextRequest): Promise<URLSearchParams> {
  const type = request.headers.get('content-type')?.toLowerCase() ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    throw new AppError(OAuthErrors.invalid_request, 'Send application/x-www-form-urlencoded.');
  }
  const text = await request.text();
  if (text.length > MAX_JSON_BYTES) throw new AppError(OAuthErrors.invalid_request, 'The request body is too large.');
  return new URLSearchParams(text);
}

/** The RFC 6750 §2.1 Bearer token of the Authorization header. */
export function readBearerToken(request: NextRequest): string {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)$/i.exec(header.trim());
  if (!match) throw new AppError(OAuthErrors.invalid_token, 'A Bearer access token is required.');
  return match[1]!;
}

export function applyCookies(response: NextResponse, cookies: CookieSpec[]): NextResponse {
  for (const { name, value, ...options } of cookies) response.cookies.set(name, value, options);
  return response;
}

/**
 * Client IP from the configured trusted proxy header; empty when none is configured, because
 * any client can forge such headers. For X-Forwarded-For the right-most entry is the one the
 * trusted proxy appended.
 */
export function clientIp(request: NextRequest): string {
  const header = config().trustedProxyHeader;
  if (!header) return '';
  const value = request.headers.get(header) ?? '';
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  return (entries.at(-1) ?? '').slice(0, 64);
}

export function userAgent(request: NextRequest): string {
  return request.headers.get('user-agent') ?? '';
}
