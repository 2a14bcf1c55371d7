import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, createNonce, securityHeaders } from './security-headers';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name = '', ...sources] = d.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('createNonce', () => {
  it('is 128 random bits in base64, different every time', () => {
    const a = createNonce();
    const b = createNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(a).not.toBe(b);
  });
});

describe('buildContentSecurityPolicy', () => {
  it('allows scripts only through the nonce (strict-dynamic) in production', () => {
    const csp = directives(buildContentSecurityPolicy({ nonce: 'abc123==' }));
    expect(csp.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(csp.get('style-src')).toEqual(["'self'", "'nonce-abc123=='"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect([...csp.values()].flat()).not.toContain("'unsafe-eval'");
  });

  it('puts the nonce where Next looks for it (first nonce source of script-src)', () => {
    const header = buildContentSecurityPolicy({ nonce: 'N0nce+/=' });
    const scriptSrc = header.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
    expect(scriptSrc?.split(/\s+/).find((s) => /^'nonce-[A-Za-z0-9+/_-]+={0,2}'$/.test(s))).toBe("'nonce-N0nce+/='");
  });

  it('relaxes only what next dev needs in development', () => {
    const csp = directives(buildContentSecurityPolicy({ nonce: 'x', dev: true }));
    expect(csp.get('script-src')).toContain("'unsafe-eval'");
    expect(csp.get('style-src')).toContain("'unsafe-inline'");
    expect(csp.get('object-src')).toEqual(["'none'"]);
  });

  it('lets our own pages frame only the pages that ask for it (the dashboard branding preview)', () => {
    expect(directives(buildContentSecurityPolicy({ nonce: 'x', sameOriginFrames: true })).get('frame-ancestors')).toEqual(["'self'"]);
    expect(securityHeaders('x', { sameOriginFrames: true })['X-Frame-Options']).toBe('SAMEORIGIN');
  });
});

describe('securityHeaders', () => {
  it('sets the standard hardening headers', () => {
    const headers = securityHeaders('default-src x');
    expect(headers).toMatchObject({
      'Content-Security-Policy': 'default-src x',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
    });
    expect(headers['Permissions-Policy']).toContain('camera=()');
    expect(headers['Permissions-Policy']).not.toContain('publickey-credentials');
  });
});
