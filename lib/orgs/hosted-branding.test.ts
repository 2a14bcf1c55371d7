import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { safeFontFamily, safeFontUrl } from '@/lib/ui/safe-values';
import { brandingCssVariables, brandingForOrgSlug, pageBrandingOf } from './hosted-branding';

afterEach(() => resetConfigForTesting());

const FIELDS = {
  name: 'Acme',
  companyLogoUrl: 'https://cdn.acme.test/logo.png',
  companyEmailLogoUrl: 'https://cdn.acme.test/mail.png',
  fontFamily: '"Noto Sans SC", Inter, sans-serif',
  fontUrl: 'https://fonts.googleapis.com/css2?family=Noto+Sans+SC',
  layoutColor: '#f4f4f5',
  labelColor: 'rgb(20 20 30)',
  primaryButtonColor: '#0f766e',
  primaryButtonLabelColor: '#ffffff',
  primaryButtonBorderColor: '#0b5e57',
  secondaryButtonColor: 'hsl(180 20% 96%)',
  secondaryButtonLabelColor: '#123',
  secondaryButtonBorderColor: 'rgb(15 118 110 / 60%)',
  criticalIndicatorColor: 'oklch(0.55 0.2 25)',
  emailSenderName: 'Acme Login',
  termsLink: 'https://acme.test/terms',
  privacyPolicyLink: '/privacy',
};

describe('page branding of an org', () => {
  it('maps Melody’s org columns to the shell’s branding fields', () => {
    expect(pageBrandingOf(FIELDS, ['fonts.googleapis.com'])).toEqual({
      name: 'Acme',
      logoUrl: 'https://cdn.acme.test/logo.png',
      brandColor: '#0f766e',
      brandForegroundColor: '#ffffff',
      brandBorderColor: '#0b5e57',
      secondaryColor: 'hsl(180 20% 96%)',
      secondaryForegroundColor: '#123',
      secondaryBorderColor: 'rgb(15 118 110 / 60%)',
      backgroundColor: '#f4f4f5',
      textColor: 'rgb(20 20 30)',
      dangerColor: 'oklch(0.55 0.2 25)',
      fontFamily: '"Noto Sans SC", Inter, sans-serif',
      fontUrl: 'https://fonts.googleapis.com/css2?family=Noto+Sans+SC',
      termsUrl: 'https://acme.test/terms',
      privacyUrl: '/privacy',
    });
  });

  it('drops every hostile or unapproved value (the deployment’s value applies)', () => {
    const hostile = pageBrandingOf(
      {
        ...FIELDS,
        companyLogoUrl: 'javascript:alert(1)',
        fontFamily: 'Inter; } body { display: none',
        fontUrl: 'https://evil.example/font.css',
        layoutColor: 'red; background-image: url(https://evil.example/x)',
        labelColor: 'var(--x)',
        primaryButtonColor: 'expression(alert(1))',
        primaryButtonLabelColor: '#fff;color:red',
        primaryButtonBorderColor: 'red',
        secondaryButtonColor: 'var(--brand)',
        secondaryButtonLabelColor: 'rgb(0 0 0); color: red',
        secondaryButtonBorderColor: '#12345',
        criticalIndicatorColor: 'url(x)',
        termsLink: '//evil.example/terms',
        privacyPolicyLink: 'data:text/html,<script>alert(1)</script>',
      },
      ['fonts.googleapis.com'],
    );
    expect(hostile).toEqual({ name: 'Acme' });
    // A font URL on an allowed host is kept only with a safe family to use it for.
    expect(pageBrandingOf({ ...FIELDS, fontFamily: 'url(x)' }, ['fonts.googleapis.com']).fontUrl).toBeUndefined();
    expect(pageBrandingOf(FIELDS, []).fontUrl).toBeUndefined();
  });

  it('sets each valid color and the font family as a CSS custom property, and nothing else', () => {
    expect(brandingCssVariables(pageBrandingOf(FIELDS, []))).toEqual({
      '--brand': '#0f766e',
      '--brand-foreground': '#ffffff',
      '--brand-border': '#0b5e57',
      '--secondary': 'hsl(180 20% 96%)',
      '--secondary-foreground': '#123',
      '--secondary-border': 'rgb(15 118 110 / 60%)',
      '--org-layout': '#f4f4f5',
      '--org-label': 'rgb(20 20 30)',
      '--danger': 'oklch(0.55 0.2 25)',
      '--org-font': '"Noto Sans SC", Inter, sans-serif',
    });
    // The shell also receives the deployment's values unvalidated: the guards apply here too.
    expect(
      brandingCssVariables({ secondaryColor: 'var(--x)', secondaryBorderColor: '#fff;x:y', brandBorderColor: 'url(x)', fontFamily: 'a;b', name: 'Acme' }),
    ).toEqual({});
  });

  it('font guards: family lists only; stylesheets same-origin or https on an allowed host', () => {
    expect(safeFontFamily("'Open Sans', Arial-Black, 微软雅黑")).toBe("'Open Sans', Arial-Black, 微软雅黑");
    for (const value of ['Inter;', 'url(x)', '"Inter', 'a/*b*/', 'x{y}', 'Inter\\', '']) expect(safeFontFamily(value), value).toBeUndefined();
    const hosts = ['fonts.googleapis.com'];
    expect(safeFontUrl('/fonts/inter.css', hosts)).toBe('/fonts/inter.css');
    expect(safeFontUrl('https://fonts.googleapis.com/css2?family=Inter', hosts)).toBe('https://fonts.googleapis.com/css2?family=Inter');
    for (const value of [
      'http://fonts.googleapis.com/css',
      'https://fonts.googleapis.com:8443/css',
      'https://user:pw@fonts.googleapis.com/css',
      'https://fonts.googleapis.com.evil.example/css',
      '//fonts.googleapis.com/css',
      'javascript:alert(1)',
    ]) {
      expect(safeFontUrl(value, hosts), value).toBeUndefined();
    }
  });
});

describe('branding of a request (org parameter)', () => {
  async function makeOrg(overrides: Partial<{ allowPublicRegistration: boolean; onlyUseForBrandingOverride: boolean }> = {}) {
    const suffix = randomUUID().slice(0, 8);
    return db.org.create({ data: { ...FIELDS, name: `Acme ${suffix}`, slug: `acme-${suffix}`, ...overrides } });
  }

  it('applies with ENABLE_ORG to public and branding-only orgs, with the email sender and logo', async () => {
    overrideConfigForTesting({ enableOrg: true, brandingFontHosts: ['fonts.googleapis.com'] });
    const org = await makeOrg();
    const branding = await brandingForOrgSlug(org.slug);
    expect(branding.page).toMatchObject({ name: org.name, brandColor: '#0f766e', fontUrl: FIELDS.fontUrl });
    expect(branding.email).toMatchObject({ senderName: 'Acme Login', logoUrl: 'https://cdn.acme.test/mail.png', primaryColor: '#0f766e' });
    const brandOnly = await makeOrg({ allowPublicRegistration: false, onlyUseForBrandingOverride: true });
    expect((await brandingForOrgSlug(brandOnly.slug)).page.name).toBe(brandOnly.name);
  });

  it('does not apply without ENABLE_ORG, for private orgs or unknown slugs', async () => {
    const org = await makeOrg();
    overrideConfigForTesting({ enableOrg: false });
    expect(await brandingForOrgSlug(org.slug)).toEqual({ page: {}, email: {} });
    overrideConfigForTesting({ enableOrg: true });
    const secret = await makeOrg({ allowPublicRegistration: false });
    expect(await brandingForOrgSlug(secret.slug)).toEqual({ page: {}, email: {} });
    expect(await brandingForOrgSlug('no-such-org')).toEqual({ page: {}, email: {} });
    expect(await brandingForOrgSlug('')).toEqual({ page: {}, email: {} });
  });
});
