import { describe, expect, it } from 'vitest';
import { decodePopupResult, encodePopupResult } from './popup-result';

describe('popup result (fragment of /identity/v1/popup-complete)', () => {
  it("posts Melody's { state, code, locale, org, redirectUri } to the redirect URI's origin only", () => {
    const fragment = encodePopupResult('https://app.example.test:8443/auth/callback?x=1', {
      code: 'c0de',
      state: 's t&a=te',
      iss: 'https://auth.example.test',
      locale: 'zh-CN',
      org: 'acme',
    });
    expect(decodePopupResult(`#${fragment}`)).toEqual({
      targetOrigin: 'https://app.example.test:8443',
      message: { state: 's t&a=te', code: 'c0de', locale: 'zh-CN', org: 'acme', redirectUri: 'https://app.example.test:8443/auth/callback?x=1' },
    });
  });

  it("sends org as '' when the request named none, like Melody", () => {
    const result = decodePopupResult(encodePopupResult('http://localhost:5173/', { code: 'c', state: 's', locale: 'en', org: undefined }));
    expect(result?.message).toMatchObject({ org: '', locale: 'en' });
    expect(result?.targetOrigin).toBe('http://localhost:5173');
  });

  it('posts errors with their description, also without state', () => {
    const denied = decodePopupResult(encodePopupResult('https://app.example.test/cb', { error: 'access_denied', error_description: 'No.', state: 's' }));
    expect(denied).toEqual({
      targetOrigin: 'https://app.example.test',
      message: { state: 's', error: 'access_denied', error_description: 'No.', redirectUri: 'https://app.example.test/cb' },
    });
    const stateless = decodePopupResult(encodePopupResult('https://app.example.test/cb', { error: 'invalid_request' }));
    expect(stateless?.message).toMatchObject({ state: '', error: 'invalid_request' });
  });

  it.each([
    ['an empty fragment', ''],
    ['no redirect URI', 'code=c&state=s'],
    ['a code without state', 'redirect_uri=https%3A%2F%2Fapp.example.test%2Fcb&code=c'],
    ['neither code nor error', 'redirect_uri=https%3A%2F%2Fapp.example.test%2Fcb&state=s'],
    ['a relative redirect URI', 'redirect_uri=%2Fcb&code=c&state=s'],
    ['a redirect URI without a web origin', 'redirect_uri=com.example.app%3A%2Fcb&code=c&state=s'],
    ['a script URI', 'redirect_uri=javascript%3Aalert(1)&code=c&state=s'],
  ])('posts nothing for %s', (_name, fragment) => {
    expect(decodePopupResult(fragment)).toBeNull();
  });
});
