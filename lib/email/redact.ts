/**
 * Redaction for the email and SMS logs (ENABLE_EMAIL_LOG / ENABLE_SMS_LOG): a log row must never
 * let an admin (or a leaked backup) use a code or link that was sent.
 *
 * 1. Known secrets (the code and link the template was given) are replaced wherever they occur
 *    (a link by its redacted form, see 2).
 * 2. Every URL keeps its origin and path, but the values of its query parameters, its fragment and
 *    any token-like path segment (16+ characters) are replaced.
 * 3. Every standalone run of 6 digits (one-time codes) becomes ******.
 */
export const REDACTED = '[redacted]';

const URL_PATTERN = /https?:\/\/[^\s<>"'()]+/g;
const SIX_DIGITS = /(?<!\d)\d{6}(?!\d)/g;
const TOKEN_SEGMENT = /^[A-Za-z0-9._~%-]{16,}$/;

function redactUrl(raw: string): string {
  // Trailing punctuation belongs to the sentence, not the URL.
  const trail = /[.,;:!?]+$/.exec(raw)?.[0] ?? '';
  const candidate = trail ? raw.slice(0, -trail.length) : raw;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return REDACTED + trail;
  }
  const path = url.pathname
    .split('/')
    .map((segment) => (TOKEN_SEGMENT.test(segment) ? REDACTED : segment))
    .join('/');
  const keys = [...url.searchParams.keys()];
  const query = keys.length ? `?${keys.map((key) => `${encodeURIComponent(key)}=${REDACTED}`).join('&')}` : '';
  const hash = url.hash ? `#${REDACTED}` : '';
  return `${url.origin}${path}${query}${hash}${trail}`;
}

export function redactSecrets(content: string, secrets: readonly string[] = []): string {
  let out = content;
  // Longest first, so a link containing a code is replaced whole.
  for (const secret of [...new Set(secrets)].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join(/^https?:\/\//.test(secret) ? redactUrl(secret) : REDACTED);
  }
  return out.replace(URL_PATTERN, redactUrl).replace(SIX_DIGITS, '******');
}
