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
