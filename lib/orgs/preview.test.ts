import { describe, expect, it } from 'vitest';
import { pageBrandingOf } from './hosted-branding';
import { brandingPreviewPath, brandingPreviewRow } from './preview';

describe('branding preview', () => {
  it('round-trips draft values through the preview URL, leaving empty ones out', () => {
    const path = brandingPreviewPath({ name: 'Acme', primaryButtonColor: '#123456', layoutColor: '  ', termsLink: 'https://acme.test/terms' });
    const url = new URL(path, 'http://localhost');
    expect(url.pathname).toBe('/admin/branding-preview');
    expect([...url.searchParams.keys()]).toEqual(['name', 'primaryButtonColor', 'termsLink']);
    const row = brandingPreviewRow(Object.fromEntries(url.searchParams));
    expect(row).toMatchObject({ name: 'Acme', primaryButtonColor: '#123456', layoutColor: '', termsLink: 'https://acme.test/terms', fontUrl: '' });
  });

  it('reads the first of a repeated parameter and ignores unknown ones', () => {
    const row = brandingPreviewRow({ labelColor: ['#111111', '#222222'], style: 'color: red' });
    expect(row.labelColor).toBe('#111111');
    expect(row).not.toHaveProperty('style');
  });

  it('passes hostile drafts through the hosted pages’ guards: nothing unsafe reaches the page', () => {
    const branding = pageBrandingOf(
      brandingPreviewRow({
        name: 'Acme',
        primaryButtonColor: 'red; background: url(https://evil.test)',
        layoutColor: 'var(--x)',
        companyLogoUrl: 'javascript:alert(1)',
        fontFamily: 'Inter',
        fontUrl: 'https://evil.test/font.css',
        privacyPolicyLink: 'https://acme.test/privacy',
      }),
      ['fonts.googleapis.com'],
    );
    expect(branding).toEqual({ name: 'Acme', fontFamily: 'Inter', privacyUrl: 'https://acme.test/privacy' });
  });
});
