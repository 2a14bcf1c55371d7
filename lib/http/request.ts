import type { NextRequest, NextResponse } from 'next/server';
import type { z } from 'zod';
import { config } from '@/lib/config';
import { AppError, CommonErrors } from '@/lib/errors';
import { OAuthErrors } from '@/lib/oauth/errors';
import type { CookieSpec } from '@/lib/flow';
import { bodyLimitFor } from './body-limits.mjs';

/** How deep a JSON body may nest objects and arrays; deeper bodies are refused before parsing. */
export const MAX_JSON_DEPTH = 32;

/**
 * The one place request bodies are read (a test fails when a route or service reads one itself).
 * Reads at most the limit of the request's path (lib/http/body-limits.mjs): a larger declared
 * Content-Length is refused before a byte is read, and a body that grows past the limit stops
 * being read there. Both answer 413 payload_too_large.
 */
export async function readBodyText(request: Request, maxBytes = bodyLimitFor(new URL(request.url).pathname)): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Stop reading without cancelling: cancelling would destroy the connection before the 413
      // is sent. The 413 carries Connection: close (lib/http/errors.ts), so the rest is never read.
      reader.releaseLock();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

function tooLarge(maxBytes: number): AppError {
  return new AppError(CommonErrors.payload_too_large, `The request body is larger than ${Math.floor(maxBytes / 1024)} KiB.`);
}

/**
 * The nesting depth of a JSON text, counted in one pass over its brackets outside strings, so a
 * hostile body never reaches JSON.parse or a recursive validator with thousands of levels.
 */
function jsonDepthExceeds(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c) index++; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (char === 0x7d || char === 0x5d) depth--;
  }
  return false;
}

/** Parses a JSON text: 400 invalid_input when it is not JSON or nests deeper than MAX_JSON_DEPTH. */
export function parseJsonText(text: string): unknown {
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
    throw new AppError(CommonErrors.invalid_input, `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(CommonErrors.invalid_input, 'The request body is not valid JSON.');
  }
}

/** A JSON body (application/json, within the path's limit) as parsed JSON, not yet validated. */
export async function readJsonValue(request: Request, maxBytes?: number): Promise<unknown> {
  if (!request.headers.get('content-type')?.toLowerCase().startsWith('application/json')) {
    throw new AppError(CommonErrors.unsupported_media_type, 'Send application/json.');
  }
  return parseJsonText(await readBodyText(request, maxBytes));
}

/** A JSON body (application/json, within the path's limit) validated with `schema`. */
export async function readJson<T extends z.ZodType>(request: NextRequest, schema: T): Promise<z.output<T>> {
  return schema.parse(await readJsonValue(request));
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

/** Reads an application/x-www-form-urlencoded body (OAuth endpoints), within the path's limit. */
export async function readForm(request: Request, maxBytes?: number): Promise<URLSearchParams> {
  const type = request.headers.get('content-type')?.toLowerCase() ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    throw new AppError(OAuthErrors.invalid_request, 'Send application/x-www-form-urlencoded.');
  }
  return new URLSearchParams(await readBodyText(request, maxBytes));
}

/** The RFC 6750 §2.1 Bearer token of the Authorization header. */
export function readBearerToken(request: Request): string {
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

function socketAddressFromServe(request: Request): string {
  const channel = (globalThis as typeof globalThis & { [SERVE_CHANNEL_KEY]?: { clientIpHeader: string } })[SERVE_CHANNEL_KEY];
  return channel ? (request.headers.get(channel.clientIpHeader) ?? '') : '';
}

/**
 * The client IP. Behind a proxy, from the configured trusted proxy header (for X-Forwarded-For the
 * right-most entry, the one the trusted proxy appended); else, under npm run serve, the address of
 * the connection; else empty, because any client can forge such headers.
 */
export function clientIp(request: Request): string {
  const header = config().trustedProxyHeader;
  if (!header) return socketAddressFromServe(request).slice(0, 64);
  const value = request.headers.get(header) ?? '';
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  return (entries.at(-1) ?? '').slice(0, 64);
}

export function userAgent(request: Request): string {
  return request.headers.get('user-agent') ?? '';
}
