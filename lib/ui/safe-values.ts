/**
 * Guards for values that come from configuration or the database and end up in markup (logo and
 * legal URLs, brand colors, back links). React escapes them, but escaping does not stop a
 * `javascript:` URL or a CSS value that smuggles extra declarations. Anything that fails a check is
 * dropped (callers fall back to defaults), never "repaired".
 */

const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const FUNCTIONAL_COLOR = /^(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\(\s*[-+0-9.%\s,/]*(?:deg|turn|rad)?[-+0-9.%\s,/]*\)$/i;

/** A CSS color in hex or functional notation (no names, no var(), no url(), no `;`), else undefined. */
export function safeCssColor(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  if (v.length === 0 || v.length > 64) return undefined;
  return HEX_COLOR.test(v) || FUNCTIONAL_COLOR.test(v) ? v : undefined;
}

/**
 * An http(s) URL or a same-origin absolute path ("/terms"), else undefined. Rejects
 * protocol-relative "//host", backslash tricks, control characters and every other scheme.
 */
export function safeHttpUrl(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  // eslint-disable-next-line no-control-regex -- control characters in a URL are refused on purpose
  if (v.length === 0 || v.length > 2048 || /[\u0000-\u001f\u007f\\]/.test(v)) return undefined;
  if (v.startsWith('/')) return v.startsWith('//') ? undefined : v;
  try {
    const url = new URL(v);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Path + query of a same-origin URL, with `name` set to `value` (used by the locale switcher). */
export function withSearchParam(pathAndQuery: string | null | undefined, name: string, value: string): string {
  let url: URL;
  try {
    // The base only anchors relative parsing; only pathname + search are returned, so a
    // "//evil.example/x" input cannot turn into a cross-origin link.
    url = new URL(pathAndQuery && pathAndQuery.startsWith('/') ? pathAndQuery : '/', 'http://localhost');
  } catch {
    url = new URL('/', 'http://localhost');
  }
  url.searchParams.set(name, value);
  return url.pathname + url.search;
}

/**
 * A CSS font-family list: letters (any script), digits, spaces, hyphens, commas and balanced
 * quotes only, so it cannot close the declaration or reach url()/var(). Else undefined.
 */
export function safeFontFamily(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  if (v.length === 0 || v.length > 100 || !/^[\p{L}\p{N} ,'"-]+$/u.test(v)) return undefined;
  const count = (quote: string) => v.split(quote).length - 1;
  return count('"') % 2 === 0 && count("'") % 2 === 0 ? v : undefined;
}

/**
 * A font stylesheet URL the pages may load: a same-origin absolute path ("/fonts/inter.css"), or
 * an https URL on one of `allowedHosts` (BRANDING_FONT_HOSTS, which the CSP allows) without
 * credentials or a non-default port. Else undefined.
 */
export function safeFontUrl(value: string | null | undefined, allowedHosts: readonly string[]): string | undefined {
  const safe = safeHttpUrl(value);
  if (!safe) return undefined;
  if (safe.startsWith('/')) return safe;
  const url = new URL(safe);
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return undefined;
  return allowedHosts.includes(url.hostname.toLowerCase()) ? url.href : undefined;
}

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
