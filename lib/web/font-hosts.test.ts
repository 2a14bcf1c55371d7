import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, parseFontHosts } from './security-headers';

function directive(csp: string, name: string): string[] {
  const entry = csp.split(';').map((d) => d.trim().split(/\s+/)).find(([directiveName]) => directiveName === name);
  return entry?.slice(1) ?? [];
}

describe('org font hosts in the CSP (BRANDING_FONT_HOSTS)', () => {
  it('adds https://<host> to style-src and font-src, nothing else', () => {
    const csp = buildContentSecurityPolicy({ nonce: 'abc123==', fontHosts: ['fonts.googleapis.com', 'fonts.gstatic.com'] });
    expect(directive(csp, 'style-src')).toEqual(["'self'", "'nonce-abc123=='", 'https://fonts.googleapis.com', 'https://fonts.gstatic.com']);
    expect(directive(csp, 'font-src')).toEqual(["'self'", 'https://fonts.googleapis.com', 'https://fonts.gstatic.com']);
    expect(directive(csp, 'script-src')).not.toContain('https://fonts.googleapis.com');
    expect(directive(buildContentSecurityPolicy({ nonce: 'n' }), 'font-src')).toEqual(["'self'"]);
  });

  it('parses the variable like lib/config and drops anything that is not a host name', () => {
    expect(parseFontHosts(undefined)).toEqual([]);
    expect(parseFontHosts(' Fonts.Bunny.net , fonts.gstatic.com ')).toEqual(['fonts.bunny.net', 'fonts.gstatic.com']);
    expect(parseFontHosts('["fonts.googleapis.com"]')).toEqual(['fonts.googleapis.com']);
    expect(parseFontHosts("evil.example 'unsafe-inline',*, https://x.example,a..b,ok.example")).toEqual(['ok.example']);
    expect(parseFontHosts('[1, "ok.example", null]')).toEqual(['ok.example']);
    expect(parseFontHosts('[broken')).toEqual([]);
  });
});
