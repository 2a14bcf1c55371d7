/**
 * The dashboard's ONE client for /api/v1 (client components only). The browser sends the admin
 * session cookie itself; writes carry the session's CSRF token, which the console layout puts in
 * <meta name="tessera-csrf-token">. Errors become ApiError with the API's `{ error, message, fields }`.
 */

export const CSRF_META = 'tessera-csrf-token';
export const CSRF_HEADER = 'x-tessera-csrf';
/** Where an expired session is sent: a fresh sign-in that returns to the page it left. */
export const SESSION_EXPIRED_PATH = '/admin/auth/login';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The API's error code (e.g. insufficient_scope, scope_name_taken); `network_error` without a response. */
    readonly code: string,
    message: string,
    /** Field path ('name', 'locales.0.value') → message, for 400s on a request body. */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Query parameters; null, undefined and '' are left out. */
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

/** `/api/v1/scopes` + `{ page_size: 20 }` → `/api/v1/scopes?page_size=20`. */
export function apiUrl(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}${path.includes('?') ? '&' : '?'}${search}` : path;
}

function csrfToken(): string {
  return document.querySelector<HTMLMetaElement>(`meta[name="${CSRF_META}"]`)?.content ?? '';
}

let redirectingToSignIn = false;

/**
 * A 401 means the session ended (expiry, idle timeout, logout elsewhere): the browser goes to a
 * fresh sign-in once, which comes back to the same page. Further calls while it leaves just fail,
 * instead of each starting another navigation.
 */
function onSessionExpired(): void {
  if (redirectingToSignIn) return;
  redirectingToSignIn = true;
  const returnTo = window.location.pathname + window.location.search;
  // A route handler (it redirects to the OAuth sign-in), not a page the router could show.
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- see above
  window.location.assign(`${SESSION_EXPIRED_PATH}?${new URLSearchParams({ returnTo })}`);
}

async function toApiError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as { error?: unknown; message?: unknown; fields?: unknown } | null;
  const code = typeof body?.error === 'string' ? body.error : `http_${response.status}`;
  const message = typeof body?.message === 'string' ? body.message : response.statusText;
  const fields =
    body?.fields && typeof body.fields === 'object'
      ? Object.fromEntries(Object.entries(body.fields as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
      : {};
  return new ApiError(response.status, code, message, fields);
}

/** Calls /api/v1 and returns the parsed JSON body (undefined for 204). Throws ApiError. */
export async function apiFetch<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const method = request.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers[CSRF_HEADER] = csrfToken();
  let response: Response;
  try {
    response = await fetch(apiUrl(path, request.query), {
      method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: request.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', error instanceof Error ? error.message : 'Network error');
  }
  if (response.status === 401) {
    onSessionExpired();
    throw await toApiError(response);
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
