/** Same-origin path of a hosted page with its query (empty values left out): identityPath('sign-in', { request }). */
export function identityPath(page: string, params: Record<string, string | undefined | null> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const search = query.toString();
  return `/identity/v1/${page}${search ? `?${search}` : ''}`;
}
