// The one list of what never reaches a log line: field names whose values are replaced with
// "[redacted]" wherever they appear in a logged object, and patterns replaced inside message text.
// lib/observability/redact.test.ts logs each of them and checks that no value comes out.

export const REDACTED = '[redacted]';

/** Field names (compared case-insensitively, also inside nested objects and arrays). */
export const REDACTED_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'passwordHash',
  'secret',
  'secretKey',
  'clientSecret',
  'client_secret',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'id_token',
  'code',
  'codeVerifier',
  'code_verifier',
  'deviceCode',
  'device_code',
  'otp',
  'recoveryCode',
  'authorization',
  'cookie',
  'set-cookie',
  'email',
  'phoneNumber',
  'apiKey',
  'connectionString',
] as const;

const KEY_SET = new Set(REDACTED_KEYS.map((key) => key.toLowerCase()));

/** Patterns inside free text: emails, bearer/basic credentials, JWTs, credentials in URLs and query strings. */
export const REDACTED_PATTERNS: readonly RegExp[] = [
  /\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi,
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
  /\b([a-z][a-z0-9+.-]*:\/\/)[^\s:@/]+:[^\s@/]+@/gi,
  /(\b(?:code|token|access_token|refresh_token|id_token|client_secret|code_verifier|password|state|login_hint)=)[^&\s#]+/gi,
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g,
];

export function redactText(text: string): string {
  let result = text;
  for (const pattern of REDACTED_PATTERNS) {
    result = result.replace(pattern, (match, prefix: unknown) => {
      if (typeof prefix === 'string' && /^(Bearer|Basic)$/i.test(prefix)) return `${prefix} ${REDACTED}`;
      if (typeof prefix === 'string' && (prefix.includes('://') || prefix.endsWith('='))) return `${prefix}${prefix.includes('://') ? `${REDACTED}@` : REDACTED}`;
      return REDACTED;
    });
  }
  return result;
}

/** A copy of `value` with redacted keys and scrubbed strings (cycles and depth bounded). */
export function redactValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8 || seen.has(value)) return '[…]';
  seen.add(value);
  if (value instanceof Error) {
    return { type: value.name, message: redactText(value.message), stack: value.stack ? redactText(value.stack) : undefined, ...(value.cause ? { cause: redactValue(value.cause, depth + 1, seen) } : {}) };
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = KEY_SET.has(key.toLowerCase()) ? REDACTED : redactValue(item, depth + 1, seen);
  return out;
}
