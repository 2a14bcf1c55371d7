import { describe, expect, it } from 'vitest';
import { config } from '@/proxy';

// The proxy (locale, CSP nonce, cookies) must not run on the machine endpoints: they are hot and
// need none of it. The matcher is a path-to-regexp pattern whose only parameter is a plain regex.
const runsOn = (path: string) => config.matcher.some((pattern) => new RegExp(`^${pattern}$`).test(path));

describe('proxy matcher', () => {
  it.each([
    '/oauth2/v1/token',
    '/oauth2/v1/userinfo',
    '/oauth2/v1/revoke',
    '/oauth2/v1/introspect',
    '/.well-known/openid-configuration',
    '/.well-known/jwks.json',
    '/well-known/jwks.json',
    '/api/v1/users',
    '/embedded-auth/v1/initiate',
    '/embedded-auth/v1/abc/sign-in',
    '/_next/static/chunks/main.js',
    '/favicon.ico',
  ])('skips %s', (path) => expect(runsOn(path)).toBe(false));

  it.each(['/', '/oauth2/v1/authorize', '/identity/v1/sign-in', '/identity/v1/consent', '/identity/v1/error'])('runs on the page %s', (path) =>
    expect(runsOn(path)).toBe(true),
  );
});
