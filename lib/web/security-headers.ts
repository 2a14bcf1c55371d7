/**
 * Security headers for every page response (set by proxy.ts).
 *
 * Dependency-free and side-effect-free so proxy.ts stays cheap and the policy is unit-testable.
 */

/** Request header carrying the per-request CSP nonce to server components (`(await headers()).get(NONCE_HEADER)`). */
export const NONCE_HEADER = 'x-nonce';

/** A fresh, unguessable nonce: 128 random bits, base64 (the alphabet Next's nonce parser accepts). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export interface CspOptions {
  nonce: string;
  /** `next dev`: React needs eval for its error overlay, and dev CSS is injected as inline <style>. */
  dev?: boolean;
  /** BRANDING_FONT_HOSTS: https hosts allowed in style-src and font-src (org font stylesheets). */
  fontHosts?: readonly string[];
  /** A page our own pages show in an iframe (SAME_ORIGIN_FRAME_PATHS): frame-ancestors 'self'. */
  sameOriginFrames?: boolean;
}

/**
 * Pages that our own pages may frame; every other page refuses any framing. The dashboard's org
 * editor shows the branding preview (a sign-in page look-alike for dashboard sessions only) this way.
 */
export const SAME_ORIGIN_FRAME_PATHS: readonly string[] = ['/admin/branding-preview'];

const FONT_HOST = /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/;

/**
 * BRANDING_FONT_HOSTS as proxy.ts reads it (a JSON array or a comma-separated list, like every list
 * variable). lib/config validates the variable at start-up; anything that is not a plain host name
 * is dropped here, so nothing but `https://<host>` can reach the policy.
 */
export function parseFontHosts(raw: string | undefined): string[] {
  const value = raw?.trim() ?? '';
  if (!value) return [];
  let entries: unknown[] = [];
  if (value.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) entries = parsed;
    } catch {
      entries = [];
    }
  } else {
    entries = value.split(',');
  }
  return entries
    .filter((entry): entry is string => typeof entry === 'string')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => FONT_HOST.test(entry) && !entry.includes('..'));
}

/**
 * The Content-Security-Policy for HTML pages.
 *
 * - script-src: nonce + 'strict-dynamic'. Next reads the nonce from this header (it is also put on the
 *   request) and stamps it on its bootstrap, inline flight-data and chunk <script>s; chunks loaded
 *   later by those scripts are trusted through 'strict-dynamic'. CSP3 browsers ignore 'self' when
 *   'strict-dynamic' is present; it only lets CSP2 browsers load our same-origin chunks.
 * - style-src: nonce for <style> elements (Next stamps inline styles it emits), and
 *   style-src-attr 'unsafe-inline' for style="" attributes: React renders those from `style` props
 *   (Radix, next/image, per-org brand colors set as CSS variables). Style attributes cannot load or
 *   run anything; a nonce cannot cover them.
 * - img-src https: and data: — per-org logos are configured as external https URLs.
 * - style-src and font-src add https://<host> for each BRANDING_FONT_HOSTS entry: an org's font
 *   stylesheet (fontUrl) and the font files it loads come from those hosts only.
 * - connect-src 'self': the hosted forms POST JSON to our own endpoints.
 * - form-action 'self': every native form on our pages submits to ourselves. Chromium also applies
 *   form-action to the redirects that follow a form submission, so a form POST answered with a 302 to
 *   a client's redirect_uri or to a social IdP would be blocked: hosted forms therefore POST JSON with
 *   fetch and navigate with `window.location.assign(redirectTo)` (navigation is not governed by CSP).
 * - frame-ancestors 'none' (with X-Frame-Options DENY for old browsers): no clickjacking of sign-in.
 * - no upgrade-insecure-requests: self-hosted instances and tests run on plain http://localhost or
 *   an IP address, where upgrading same-origin requests to https would break the page.
 */
export function buildContentSecurityPolicy({ nonce, dev = false, fontHosts = [], sameOriginFrames = false }: CspOptions): string {
  const fontOrigins = fontHosts.map((host) => `https://${host}`);
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    'style-src': [...(dev ? ["'self'", "'unsafe-inline'"] : ["'self'", `'nonce-${nonce}'`]), ...fontOrigins],
    'style-src-attr': ["'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', 'https:'],
    'font-src': ["'self'", ...fontOrigins],
    'connect-src': dev ? ["'self'", 'ws:', 'wss:'] : ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': [sameOriginFrames ? "'self'" : "'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/**
 * Headers set on every page response next to the CSP.
 *
 * Referrer-Policy strict-origin-when-cross-origin rather than no-referrer: cross-origin requests
 * (client apps, logos, terms links) only ever see our origin, never a path or query with request ids,
 * state or login hints; and same-origin form POSTs keep a real `Origin` header — with no-referrer,
 * browsers send `Origin: null` on form submissions, which breaks Origin-based CSRF checks.
 *
 * No Cross-Origin-Opener-Policy: the popup sign-in flow posts the result back to `window.opener`,
 * which COOP would sever.
 */
export function securityHeaders(csp: string, { sameOriginFrames = false }: { sameOriginFrames?: boolean } = {}): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': sameOriginFrames ? 'SAMEORIGIN' : 'DENY',
    // Nothing here uses these. WebAuthn (publickey-credentials-*) keeps its default 'self' allowlist.
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
  };
}
