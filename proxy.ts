import { NextResponse, type NextRequest } from 'next/server';
import {
  LOCALE_COOKIE,
  LOCALE_COOKIE_MAX_AGE,
  LOCALE_HEADER,
  LOCALE_PARAM,
  PATH_HEADER,
  offeredLocales,
  resolveLocaleWithSource,
} from '@/lib/config/locales';
import { config as appConfig } from '@/lib/config';
import { databaseAvailability } from '@/lib/db/availability';
import { serviceUnavailablePage } from '@/lib/health/unavailable-page';
import { NONCE_HEADER, SAME_ORIGIN_FRAME_PATHS, buildContentSecurityPolicy, createNonce, parseFontHosts, securityHeaders } from '@/lib/web/security-headers';

// Hosts of org font stylesheets (BRANDING_FONT_HOSTS, validated by lib/config at start-up).
const fontHosts = parseFontHosts(process.env.BRANDING_FONT_HOSTS);

/**
 * Runs before every page (see `config.matcher`): picks the locale, hands it and a CSP nonce to the app
 * as REQUEST headers, and sets the security headers on the response.
 *
 * It never rewrites or redirects: proxy rewrites loop when the server is bound to 127.0.0.1
 * (Next 16.2.6+), and locale URLs carry no prefix anyway.
 */
export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const sameOriginFrames = SAME_ORIGIN_FRAME_PATHS.includes(request.nextUrl.pathname);
  const csp = buildContentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === 'development', fontHosts, sameOriginFrames });

  const cookieLocale = request.cookies.get(LOCALE_COOKIE)?.value;
  const { locale, source } = resolveLocaleWithSource({
    param: request.nextUrl.searchParams.get(LOCALE_PARAM),
    cookie: cookieLocale,
    acceptLanguage: request.headers.get('accept-language'),
    // Only the languages this deployment offers (SUPPORTED_LOCALES), its first one as the fallback.
    supported: offeredLocales(appConfig().supportedLocales),
  });

  // While the database is unreachable (lib/db/availability), a page would fail after waiting for
  // it: answer at once with the localized 503 page. Other requests (JSON endpoints) reach their
  // handlers, which answer 503 service_unavailable in JSON.
  if (!databaseAvailability().up && isPageRequest(request)) return serviceUnavailablePage(locale);

  // Always overwrite: a client must not be able to choose these values by sending the headers itself.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(LOCALE_HEADER, locale);
  requestHeaders.set(NONCE_HEADER, nonce);
  requestHeaders.set(PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  // Next takes the nonce for its own <script>/<style> tags from the request's CSP header.
  requestHeaders.set('content-security-policy', csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(securityHeaders(csp, { sameOriginFrames }))) response.headers.set(name, value);

  if (source === 'param' && cookieLocale !== locale) {
    response.cookies.set(LOCALE_COOKIE, locale, {
      path: '/',
      sameSite: 'lax',
      maxAge: LOCALE_COOKIE_MAX_AGE,
      secure: request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https',
    });
  }
  return response;
}

/** A browser navigation: GET or HEAD asking for HTML. */
function isPageRequest(request: NextRequest): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && (request.headers.get('accept') ?? '').includes('text/html');
}

export const config = {
  matcher: [
    /*
     * Every page route, except what must stay cheap or needs no HTML headers:
     * - /_next/* (build assets, image optimizer, data) and any path ending in a file extension
     *   (public/ files, favicon.ico, robots.txt, ...)
     * - /api/* (S2S and admin API), /.well-known/* (discovery, JWKS; served from app/well-known)
     * - /oauth2/v1/token, userinfo, revoke and introspect (machine-to-machine endpoints)
     * - /healthz, /readyz, /metrics (probes and scrapes: no HTML, and they must stay cheap)
     * - /embedded-auth/v1/* (the Embedded Auth API: JSON for apps, no pages)
     * Prefetch requests are NOT excluded: they render pages too and need the locale.
     */
    '/((?!_next/|api(?:/|$)|embedded-auth/|\\.?well-known(?:/|$)|oauth2/v1/(?:token|userinfo|revoke|introspect)(?:/|$)|(?:healthz|readyz|metrics)$|.*\\.[A-Za-z0-9]+$).*)',
  ],
};
