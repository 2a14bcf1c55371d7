import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiFetch, apiUrl, ApiError, SESSION_EXPIRED_PATH } from './api-client';
import { apiQueryKey } from './query-key';

// The dashboard's /api/v1 client in the browser's shoes: fetch, the CSRF meta tag and
// window.location are stubbed; what goes out and what comes back is checked.

const calls: { url: string; init: RequestInit }[] = [];
let nextResponse: () => Response;
const assign = vi.fn();

beforeEach(() => {
  calls.length = 0;
  assign.mockReset();
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return nextResponse();
  });
  vi.stubGlobal('document', { querySelector: (selector: string) => (selector === 'meta[name="tessera-csrf-token"]' ? { content: 'csrf-123' } : null) });
  vi.stubGlobal('window', { location: { pathname: '/admin/scopes', search: '?q=x', assign } });
});
afterEach(() => vi.unstubAllGlobals());

const json = (status: number, body: unknown) => () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('apiFetch', () => {
  it('reads without the CSRF header and leaves empty query values out', async () => {
    nextResponse = json(200, { scopes: [] });
    await expect(apiFetch('/api/v1/scopes', { query: { q: '', page_size: 20, page_number: undefined } })).resolves.toEqual({ scopes: [] });
    expect(calls[0]!.url).toBe('/api/v1/scopes?page_size=20');
    expect((calls[0]!.init.headers as Record<string, string>)['x-tessera-csrf']).toBeUndefined();
  });

  it('writes JSON with the session CSRF token from the page', async () => {
    nextResponse = () => new Response(null, { status: 204 });
    await expect(apiFetch('/api/v1/scopes/1', { method: 'DELETE' })).resolves.toBeUndefined();
    nextResponse = json(201, { scope: { id: '1' } });
    await apiFetch('/api/v1/scopes', { method: 'POST', body: { name: 'a' } });
    const headers = calls[1]!.init.headers as Record<string, string>;
    expect(headers).toMatchObject({ 'x-tessera-csrf': 'csrf-123', 'content-type': 'application/json' });
    expect(calls[1]!.init.body).toBe('{"name":"a"}');
  });

  it('turns error bodies into ApiError with status, code, message and fields', async () => {
    nextResponse = json(400, { error: 'invalid_input', message: 'The request is invalid.', fields: { name: 'Too small', 'locales.0.value': 'Too big' } });
    const error = await apiFetch('/api/v1/scopes', { method: 'POST', body: {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_input', message: 'The request is invalid.', fields: { name: 'Too small', 'locales.0.value': 'Too big' } });
    nextResponse = json(403, { error: 'insufficient_scope', message: 'nope' });
    await expect(apiFetch('/api/v1/scopes', { method: 'POST', body: {} })).rejects.toMatchObject({ status: 403, code: 'insufficient_scope' });
    nextResponse = () => new Response('<html>', { status: 502, statusText: 'Bad Gateway' });
    await expect(apiFetch('/api/v1/scopes')).rejects.toMatchObject({ status: 502, code: 'http_502' });
  });

  it('sends an expired session (401) to the sign-in once, returning to the same page', async () => {
    nextResponse = json(401, { error: 'admin_session_expired', message: 'expired' });
    await expect(apiFetch('/api/v1/scopes')).rejects.toMatchObject({ status: 401 });
    await expect(apiFetch('/api/v1/roles')).rejects.toMatchObject({ status: 401 });
    expect(assign).toHaveBeenCalledTimes(1);
    expect(assign).toHaveBeenCalledWith(`${SESSION_EXPIRED_PATH}?returnTo=%2Fadmin%2Fscopes%3Fq%3Dx`);
  });

  it('reports an unreachable server as network_error', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(apiFetch('/api/v1/scopes')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });
});

describe('query keys', () => {
  it('follow the API path so that a resource prefix invalidates its lists and details', () => {
    expect(apiQueryKey('/api/v1/scopes')).toEqual(['api', 'scopes']);
    expect(apiQueryKey('/api/v1/scopes', { q: 'x', page_size: 20, empty: '' })).toEqual(['api', 'scopes', { page_size: 20, q: 'x' }]);
    expect(apiQueryKey('/api/v1/scopes/abc', {})).toEqual(['api', 'scopes', 'abc', {}]);
    expect(apiUrl('/api/v1/logs?x=1', { page_number: 2 })).toBe('/api/v1/logs?x=1&page_number=2');
  });
});
