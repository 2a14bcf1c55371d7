/**
 * Redirect URI rules (RFC 9700 §4.1.3, RFC 8252): a request's redirect_uri must equal a
 * registered one character for character, except that a loopback IP redirect may use any port
 * (native apps pick one at run time). Registration refuses fragments and userinfo.
 */
export function isRegisteredRedirectUri(requested: string, registered: readonly string[]): boolean {
  if (registered.includes(requested)) return true;
  const loopback = parseLoopback(requested);
  if (!loopback) return false;
  return registered.some((candidate) => {
    const other = parseLoopback(candidate);
    return other !== null && other.withoutPort === loopback.withoutPort;
  });
}

function parseLoopback(value: string): { withoutPort: string } | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:') return null;
  if (url.hostname !== '127.0.0.1' && url.hostname !== '[::1]') return null;
  if (url.username || url.password) return null;
  // URL normalisation must not hide differences: compare against the raw string's shape.
  if (!value.startsWith(`http://${url.hostname}`)) return null;
  return { withoutPort: `http://${url.hostname}${url.pathname}${url.search}` };
}

/** Validation used when an app registers a redirect URI; returns an error message or null. */
export function redirectUriProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URI';
  }
  if (url.hash || value.includes('#')) return 'must not contain a fragment';
  if (url.username || url.password) return 'must not contain user information';
  if (url.protocol === 'javascript:' || url.protocol === 'data:' || url.protocol === 'file:') return 'scheme is not allowed';
  if (url.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) {
    return 'must use https unless it is a loopback address';
  }
  return null;
}

/** Appends response parameters to a redirect URI, keeping any query it already has. */
export function withQuery(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') url.searchParams.set(key, value);
  }
  return url.toString();
}
