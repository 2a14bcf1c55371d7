import { describe, expect, it } from 'vitest';
import { isAbsoluteHttpUrl, isSafeFontFamily, orgBrandingInput } from './branding';

describe('org branding validation', () => {
  it('accepts http(s) URLs, CSS colors, font family lists and "" (no override)', () => {
    const parsed = orgBrandingInput.parse({
      companyLogoUrl: ' https://cdn.example.com/logo.png ',
      fontUrl: 'https://fonts.googleapis.com/css2?family=Inter',
      fontFamily: '"Noto Sans SC", Inter, sans-serif',
      layoutColor: '#f4f4f5',
      primaryButtonColor: 'rgb(10 20 30 / 50%)',
      criticalIndicatorColor: '',
      termsLink: 'http://localhost:3000/terms',
      emailSenderName: 'Acme 登录',
    });
    expect(parsed).toMatchObject({ companyLogoUrl: 'https://cdn.example.com/logo.png', criticalIndicatorColor: '', fontFamily: '"Noto Sans SC", Inter, sans-serif' });
  });

  it('rejects each unsafe value with a field error', () => {
    const result = orgBrandingInput.safeParse({
      companyLogoUrl: 'javascript:alert(1)',
      companyEmailLogoUrl: '/logo.png',
      fontUrl: '//evil.example/font.css',
      termsLink: 'ftp://example.com/terms',
      layoutColor: 'red',
      labelColor: '#fff; background: url(x)',
      secondaryButtonBorderColor: 'var(--x)',
      fontFamily: 'Inter; } body { display: none',
      emailSenderName: 'Acme\r\nBcc: victim@example.com',
    });
    expect(result.success).toBe(false);
    const fields = new Set(result.error!.issues.map((issue) => issue.path.join('.')));
    for (const field of ['companyLogoUrl', 'companyEmailLogoUrl', 'fontUrl', 'termsLink', 'layoutColor', 'labelColor', 'secondaryButtonBorderColor', 'fontFamily', 'emailSenderName']) {
      expect(fields.has(field), field).toBe(true);
    }
  });

  it('font families: letters, digits, spaces, hyphens, commas and balanced quotes', () => {
    expect(isSafeFontFamily("'Open Sans', Arial-Black, 微软雅黑")).toBe(true);
    for (const value of ['Inter;', 'url(x)', '"Inter', 'Inter\\', 'a/*b*/', 'x{y}']) expect(isSafeFontFamily(value), value).toBe(false);
    expect(isAbsoluteHttpUrl('https://x.example')).toBe(true);
    expect(isAbsoluteHttpUrl('/terms')).toBe(false);
  });
});
