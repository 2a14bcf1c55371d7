import type { NextRequest, NextResponse } from 'next/server';
import type { z } from 'zod';
import { config } from '@/lib/config';
import { AppError, CommonErrors } from '@/lib/errors';
import { OAuthErrors } from '@/lib/oauth/errors';
import type { CookieSpec } from '@/lib/flow';

const MAX_JSON_BYTES = 64 * 1024;

/** A JSON body (application/json, at most 64 KiB) validated with `schema`. */
export async function readJson<T extends z.ZodType>(request: NextRequest, schema: T): Promise<z.output<T>> {
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

/**
 * CSRF defence for state-changing browser requests: JSON only (a cross-site form cannot send
 * it without a CORS preflight) and, when the browser sends Origin, it must be our own.
 */
export async function readSameOriginJson<T extends z.ZodType>(request: NextRequest, schema: T): Promise<z.output<T>> {
  const origin = request.headers.get('origin');
  if (origin !== null && origin !== config().serverOrigin) throw new AppError(CommonErrors.forbidden_origin);
  return readJson(request, schema);
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

// scripts/serve.mjs (npm run serve) hands every request to the app with the address of the socket
// it came from, in a request header whose name it draws at random when it starts and publishes under
// this key; it deletes any copy a client sent. Without that server (next start, Vercel) the key is
// unset and no header is read: a client cannot choose the header's name, nor make it trusted.
const SERVE_CHANNEL_KEY = Symbol.for('tessera.serve');

function socketAddressFromServe(request: NextRequest): string {
  const channel = (globalThis as typeof globalThis & { [SERVE_CHANNEL_KEY]?: { clientIpHeader: string } })[SERVE_CHANNEL_KEY];
  return channel ? (request.headers.get(channel.clientIpHeader) ?? '') : '';
}

/**
 * The client IP. Behind a proxy, from the configured trusted proxy header (for X-Forwarded-For the
 * right-most entry, the one the trusted proxy appended); else, under npm run serve, the address of
 * the connection; else empty, because any client can forge such headers.
 */
export function clientIp(request: NextRequest): string {
  const header = config().trustedProxyHeader;
  if (!header) return socketAddressFromServe(request).slice(0, 64);
  const value = request.headers.get(header) ?? '';
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  return (entries.at(-1) ?? '').slice(0, 64);
}

export function userAgent(request: NextRequest): string {
  return request.headers.get('user-agent') ?? '';
}
