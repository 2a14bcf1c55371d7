/**
 * The JSON exchange every hosted-page form uses:
 *   POST <action>  Content-Type: application/json  → 2xx { redirectTo }
 *                                                   → 4xx/5xx { error, message?, fields? }
 * Client-side only (it reads window.location).
 */

export type SubmitJsonResult =
  | { ok: true; redirectTo: string }
  | {
      ok: false;
      /** HTTP status, or 0 when the request did not complete. */
      status: number;
      /** The server's stable error code, or network_error / invalid_response. */
      error: string;
      /** Human-readable (already localized) message from the server, if any. */
      message?: string;
      /** Per-field messages from the server, first message per field. */
      fields?: Record<string, string>;
    };

const BLOCKED_SCHEMES = new Set(['javascript:', 'data:', 'vbscript:', 'blob:', 'file:']);

/**
 * Whether a redirect target from the server may be followed: http(s) and the custom schemes of
 * native-app redirect URIs are fine; script-capable and local schemes are not.
 */
export function isNavigableRedirect(target: string, base: string): boolean {
  // eslint-disable-next-line no-control-regex -- a target with control characters is refused on purpose
  if (target.trim() === '' || /[\u0000-\u001f]/.test(target)) return false;
  try {
    return !BLOCKED_SCHEMES.has(new URL(target, base).protocol);
  } catch {
    return false;
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function firstString(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (Array.isArray(value)) return value.find((v): v is string => typeof v === 'string' && v.trim() !== '');
  return undefined;
}

type SubmitJsonFailure = Extract<SubmitJsonResult, { ok: false }>;

/** POSTs the body as JSON; the response and its JSON object body (undefined when it has none), or a network failure. */
async function exchange(action: string, body: unknown): Promise<{ response: Response; data: Record<string, unknown> | undefined } | SubmitJsonFailure> {
  let response: Response;
  try {
    response = await fetch(action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    return { ok: false, status: 0, error: 'network_error' };
  }
  const data = response.headers.get('content-type')?.toLowerCase().includes('json')
    ? asRecord(await response.json().catch(() => undefined))
    : undefined;
  return { response, data };
}

export async function submitJson(action: string, body: unknown): Promise<SubmitJsonResult> {
  const exchanged = await exchange(action, body);
  if ('ok' in exchanged) return exchanged;
  const { response, data } = exchanged;
  if (!response.ok) return failureOf(response, data);
  const redirectTo = data?.redirectTo;
  if (typeof redirectTo === 'string' && isNavigableRedirect(redirectTo, window.location.href)) {
    return { ok: true, redirectTo };
  }
  return { ok: false, status: response.status, error: 'invalid_response' };
}

function failureOf(response: Response, data: Record<string, unknown> | undefined): SubmitJsonFailure {
  const rawFields = asRecord(data?.fields);
  const fields = rawFields
    ? Object.fromEntries(
        Object.entries(rawFields).flatMap(([name, value]) => {
          const message = firstString(value);
          return message ? [[name, message] as const] : [];
        }),
      )
    : undefined;
  return {
    ok: false,
    status: response.status,
    error: typeof data?.error === 'string' && data.error !== '' ? data.error : 'server_error',
    message: firstString(data?.message),
    fields: fields && Object.keys(fields).length > 0 ? fields : undefined,
  };
}

/**
 * For endpoints that answer with data (or 204 No Content) instead of a redirect — "send a new
 * code", "verified": 2xx → { ok: true, data } ({} for an empty body); failures as submitJson.
 */
export async function postJson(action: string, body: unknown): Promise<{ ok: true; data: Record<string, unknown> } | SubmitJsonFailure> {
  const exchanged = await exchange(action, body);
  if ('ok' in exchanged) return exchanged;
  const { response, data } = exchanged;
  return response.ok ? { ok: true, data: data ?? {} } : failureOf(response, data);
}

/** Navigates to the server's redirect; returns whether the page is expected to unload (http/https). */
export function followRedirect(redirectTo: string): boolean {
  const url = new URL(redirectTo, window.location.href);
  window.location.assign(url.href);
  return url.protocol === 'http:' || url.protocol === 'https:';
}
