import { describe, expect, it } from 'vitest';
import { isRegisteredRedirectUri, redirectUriProblem, withQuery } from './redirect-uris';

const registered = ['https://app.example.com/callback', 'com.example.app:/oauth', 'http://127.0.0.1/native'];

describe('isRegisteredRedirectUri', () => {
  it('accepts exact matches only', () => {
    expect(isRegisteredRedirectUri('https://app.example.com/callback', registered)).toBe(true);
    expect(isRegisteredRedirectUri('com.example.app:/oauth', registered)).toBe(true);
  });

  it.each([
    ['case', 'https://APP.example.com/callback'],
    ['path case', 'https://app.example.com/Callback'],
    ['trailing slash', 'https://app.example.com/callback/'],
    ['extra query', 'https://app.example.com/callback?x=1'],
    ['fragment', 'https://app.example.com/callback#x'],
    ['userinfo', 'https://evil@app.example.com/callback'],
    ['suffix host', 'https://app.example.com.evil.test/callback'],
    ['scheme', 'http://app.example.com/callback'],
    ['port', 'https://app.example.com:8443/callback'],
    ['path traversal', 'https://app.example.com/callback/../evil'],
  ])('rejects a %s variation', (_name, uri) => {
    expect(isRegisteredRedirectUri(uri, registered)).toBe(false);
  });

  it('lets loopback IP redirects use any port (RFC 8252 §7.3)', () => {
    expect(isRegisteredRedirectUri('http://127.0.0.1:51234/native', registered)).toBe(true);
    expect(isRegisteredRedirectUri('http://127.0.0.1:51234/other', registered)).toBe(false);
    expect(isRegisteredRedirectUri('http://localhost:51234/native', registered)).toBe(false);
    expect(isRegisteredRedirectUri('http://user@127.0.0.1:51234/native', registered)).toBe(false);
  });
});

describe('redirectUriProblem', () => {
  it('accepts https, loopback http and custom schemes', () => {
    expect(redirectUriProblem('https://a.example/cb')).toBeNull();
    expect(redirectUriProblem('http://localhost:3000/cb')).toBeNull();
    expect(redirectUriProblem('com.example.app:/cb')).toBeNull();
  });

  it('refuses fragments, userinfo, plain http and dangerous schemes', () => {
    expect(redirectUriProblem('https://a.example/cb#x')).toMatch(/fragment/);
    expect(redirectUriProblem('https://u:p@a.example/cb')).toMatch(/user/);
    expect(redirectUriProblem('http://a.example/cb')).toMatch(/https/);
    expect(redirectUriProblem('javascript:alert(1)')).toMatch(/scheme/);
    expect(redirectUriProblem('/relative')).toMatch(/absolute/);
  });
});

describe('withQuery', () => {
  it('keeps an existing query and encodes values', () => {
    expect(withQuery('https://a.example/cb?x=1', { code: 'a b', state: undefined })).toBe('https://a.example/cb?x=1&code=a+b');
  });
});
