// The most bytes of a request body each part of the server reads (issue 12 item 9). Plain
// JavaScript because two places enforce it: the app's one body reader (lib/http/request.ts) and
// the Node server (scripts/serve.mjs), which refuses a larger declared Content-Length before the
// app runs and stops reading a connection whose body grows past it.

export const KIB = 1024;
export const MIB = 1024 * KIB;

/** Path prefix → limit in bytes; the first matching prefix wins. */
export const BODY_LIMITS = Object.freeze([
  // streamed in chunks by the dashboard (Vercel's own cap is 4.5 MB a request)
  ['/api/v1/users/import', 16 * MIB],
  ['/api/', 1 * MIB],
  ['/oauth2/', 64 * KIB],
  ['/identity/', 64 * KIB],
  ['/embedded-auth/', 64 * KIB],
]);

/** Every other path (the dashboard's own routes, pages, probes). */
export const DEFAULT_BODY_LIMIT = 64 * KIB;

/** The body limit of a request to `pathname`. */
export function bodyLimitFor(pathname) {
  for (const [prefix, limit] of BODY_LIMITS) if (pathname.startsWith(prefix)) return limit;
  return DEFAULT_BODY_LIMIT;
}
