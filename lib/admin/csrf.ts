import { config } from '@/lib/config';
import { safeEqual } from '@/lib/crypto/tokens';
import { AppError } from '@/lib/errors';
import { AdminErrors } from './errors';

/** Header that carries the admin session's CSRF token on cookie-authenticated writes. */
export const CSRF_HEADER = 'x-tessera-csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for requests authenticated by the admin session cookie. Safe methods never change
 * state and pass. Every other method needs BOTH
 *   - an Origin header equal to AUTH_SERVER_URL's origin: refuses cross-origin requests, including
 *     those from sibling subdomains, which count as same-site (SameSite does not stop them); a
 *     request without Origin is refused too (fail closed: every current browser sends it on
 *     non-GET fetches and form posts);
 *   - X-Tessera-CSRF equal to the session's CSRF token: a custom header cannot be sent
 *     cross-origin without a CORS preflight (which /api/v1 never grants), and its value is only
 *     found in the dashboard's own pages, which another origin cannot read.
 */
export function checkAdminCsrf(request: { method: string; headers: Headers }, csrfToken: string): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  if (request.headers.get('origin') !== config().serverOrigin) {
    throw new AppError(AdminErrors.csrf_check_failed, 'A write with the admin session cookie must come from this server’s origin (Origin header).');
  }
  const token = request.headers.get(CSRF_HEADER);
  if (!token || !safeEqual(token, csrfToken)) {
    throw new AppError(AdminErrors.csrf_check_failed, 'A write with the admin session cookie needs the session’s X-Tessera-CSRF header.');
  }
}
