import { beforeEach, describe, expect, it } from 'vitest';
import { overrideConfigForTesting, config } from '@/lib/config';
import { loadMessages } from '@/lib/i18n/catalog';
import { SUPPORTED_LOCALES } from '@/lib/config/locales';
import en from '@/messages/en/hosted.json';
import zhCN from '@/messages/zh-CN/hosted.json';
import { emailBrandingFromOrg } from './branding';
import { emailLocale, renderEmail } from './render';
import { EMAIL_TEMPLATES, type EmailTemplate, type EmailTemplateData } from './templates';

const original = config();
beforeEach(() =>
  overrideConfigForTesting({
    branding: { ...original.branding, emailSenderName: 'Acme Auth', companyEmailLogoUrl: 'https://cdn.example.test/logo.png' },
    supportedLocales: ['en', 'zh-CN'],
    defaultLocale: 'en',
  }),
);

const sample: { [K in EmailTemplate]: EmailTemplateData[K] } = {
  email_verification: { code: '123456', link: '/identity/v1/verify-email?id=abc&code=123456', name: 'Ada', expiresIn: 7200 },
  password_reset: { code: '234567', expiresIn: 7200 },
  passwordless_code: { code: '345678', expiresIn: 300 },
  magic_link: { link: 'https://auth.example.test/identity/v1/view/process?code=xyz&otp=456789', expiresIn: 300 },
  email_mfa_code: { code: '567890', expiresIn: 300 },
  change_email_code: { code: '678901', expiresIn: 7200 },
  change_email_notice: { newEmail: 'new@example.test' },
  invitation: { link: 'https://auth.example.test/identity/v1/invitation?token=t0k3n', orgName: 'Globex', expiresIn: 7 * 86400 },
  welcome: { name: 'Ada', link: 'https://app.example.test/' },
};

function render<K extends EmailTemplate>(template: K, locale: string, data: EmailTemplateData[K] = sample[template], branding = {}) {
  return renderEmail({ template, data, locale, branding });
}

describe('renderEmail', () => {
  it.each(EMAIL_TEMPLATES)('renders %s in en and zh-CN with the subject from the catalogs', async (template) => {
    for (const [locale, catalog] of [['en', en], ['zh-CN', zhCN]] as const) {
      const email = await render(template, locale);
      expect(email.locale).toBe(locale);
      const subjectKey = template === 'invitation' ? 'subjectOrg' : 'subject';
      const pattern = (catalog.emails[template] as Record<string, string>)[subjectKey]!;
      expect(email.subject).toBe(pattern.replace('{appName}', 'Acme Auth').replace('{orgName}', 'Globex'));
      expect(email.html).toContain(`<html lang="${locale}">`);
      expect(email.html).toContain('https://cdn.example.test/logo.png');
      expect(email.html).not.toMatch(/<script|<style|javascript:/i);
      expect(email.text).toContain('Acme Auth');
      expect(email.text).not.toMatch(/<[a-z]/i);
      const data = sample[template] as Record<string, unknown>;
      if (typeof data.code === 'string') {
        expect(email.html).toContain(`>${data.code}</span>`);
        expect(email.text).toContain(`    ${data.code}`);
      }
    }
  });

  it.each(SUPPORTED_LOCALES)('renders every template in %s with the subject from its catalog', async (locale) => {
    overrideConfigForTesting({ supportedLocales: [...SUPPORTED_LOCALES] });
    const { emails } = await loadMessages(locale);
    for (const template of EMAIL_TEMPLATES) {
      const email = await render(template, locale);
      expect(email.locale).toBe(locale);
      const pattern = (emails[template] as Record<string, string>)[template === 'invitation' ? 'subjectOrg' : 'subject']!;
      expect(email.subject).toBe(pattern.replace('{appName}', 'Acme Auth').replace('{orgName}', 'Globex'));
      expect(email.html).toContain(`<html lang="${locale}">`);
    }
  });

  it('writes greetings and expiry with the plural rules of each language', async () => {
    overrideConfigForTesting({ supportedLocales: [...SUPPORTED_LOCALES] });
    const french = await render('email_verification', 'fr');
    expect(french.subject).toBe('Vérifiez votre adresse e-mail pour Acme Auth');
    expect(french.text).toContain('Bonjour Ada,');
    expect(french.text).toContain('Ceci expire dans 2 heures.');
    expect((await render('password_reset', 'fr', { code: '1', expiresIn: 3600 })).text).toContain('Ceci expire dans 1 heure.');
    const german = await render('email_verification', 'de');
    expect(german.text).toContain('Hallo Ada,');
    expect(german.text).toContain('Dies läuft in 2 Stunden ab.');
    expect((await render('invitation', 'de')).text).toContain('Dies läuft in 7 Tagen ab.');
    expect((await render('email_mfa_code', 'de', { code: '1', expiresIn: 60 })).text).toContain('Dies läuft in 1 Minute ab.');
    const japanese = await render('email_verification', 'ja');
    expect(japanese.text).toContain('Ada 様');
    expect(japanese.text).toContain('有効期限は 2 時間です。');
    expect((await render('passwordless_code', 'pt-BR')).text).toContain('Isto expira em 5 minutos.');
    expect((await render('magic_link', 'es')).subject).toBe('Tu enlace de inicio de sesión de Acme Auth');
    expect((await render('welcome', 'it')).text).toContain('Ciao Ada,');
    expect(emailLocale('fr-CA')).toBe('fr');
    expect(emailLocale('pt')).toBe('pt-BR');
  });

  it('writes the code, link, greeting and expiry in the chosen language', async () => {
    const english = await render('email_verification', 'en');
    expect(english.subject).toBe('Verify your email address for Acme Auth');
    expect(english.text).toContain('Hello Ada,');
    expect(english.text).toContain('This expires in 2 hours.');
    // a path on this server becomes an absolute link (AUTH_SERVER_URL of the tests)
    const link = 'http://localhost:3999/identity/v1/verify-email?id=abc&code=123456';
    expect(english.text).toContain(link);
    expect(english.html).toContain(`href="${link.replace('&', '&amp;')}"`);

    const chinese = await render('email_verification', 'zh-CN');
    expect(chinese.subject).toBe('验证你在 Acme Auth 的邮箱地址');
    expect(chinese.text).toContain('Ada，你好：');
    expect(chinese.text).toContain('请输入以下验证码，确认此邮箱地址属于你：');
    expect(chinese.text).toContain('有效期为 2 小时。');
    expect(chinese.html).toContain('验证邮箱地址');

    expect((await render('email_mfa_code', 'en')).text).toContain('This expires in 5 minutes.');
    expect((await render('invitation', 'en')).text).toContain('This expires in 7 days.');
    expect((await render('invitation', 'zh-CN')).text).toContain('你受邀加入 Acme Auth 上的 Globex。');
    expect((await render('invitation', 'en', { link: 'https://a.example.test/i?t=1' })).subject).toBe('You are invited to Acme Auth');
    expect((await render('change_email_notice', 'en')).text).toContain('The email address of your account is now new@example.test.');
    expect((await render('password_reset', 'en')).text).toContain('Hello,');
  });

  it('falls back to the default locale and maps base languages', async () => {
    expect(emailLocale('zh')).toBe('zh-CN');
    expect(emailLocale('fr-FR')).toBe('en');
    expect(emailLocale(undefined)).toBe('en');
    overrideConfigForTesting({ supportedLocales: ['zh-CN'], defaultLocale: 'zh-CN' });
    expect(emailLocale('en')).toBe('zh-CN');
    expect((await render('welcome', 'en')).locale).toBe('zh-CN');
  });

  it('keeps a name containing markup as text', async () => {
    const name = '<script>alert("x")</script> & <b>Bob</b>';
    const email = await render('welcome', 'en', { name, link: 'https://app.example.test/?a=1&b="2"' });
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<b>');
    expect(email.html).toContain('Hello &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;Bob&lt;/b&gt;,');
    // the attribute cannot be closed by a quote in the URL (URL-encoded by parsing, then escaped)
    expect(email.html).toMatch(/href="https:\/\/app\.example\.test\/\?a=1&amp;b=%222%22"/);
    // plain text is text: shown as typed
    expect(email.text).toContain(`Hello ${name},`);

    const notice = await render('change_email_notice', 'en', { newEmail: '"><img src=x onerror=alert(1)>@evil.test' });
    expect(notice.html).not.toContain('<img src=x');
    expect(notice.html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;@evil.test');
  });

  it('applies org branding and drops unsafe values', async () => {
    const org = emailBrandingFromOrg({
      emailSenderName: 'Globex <b>HR</b>\r\nBcc: victim@example.test',
      companyEmailLogoUrl: 'https://globex.example.test/mail-logo.png',
      primaryButtonColor: '#ff0066',
      primaryButtonLabelColor: 'rgb(1, 2, 3)',
      layoutColor: '',
      labelColor: null,
    });
    const email = await render('magic_link', 'en', sample.magic_link, org);
    expect(email.branding.senderName).toBe('Globex <b>HR</b> Bcc: victim@example.test');
    expect(email.subject).toBe('Your Globex <b>HR</b> Bcc: victim@example.test sign-in link');
    expect(email.html).toContain('alt="Globex &lt;b&gt;HR&lt;/b&gt; Bcc: victim@example.test"');
    expect(email.html).toContain('https://globex.example.test/mail-logo.png');
    expect(email.html).toContain('background:#ff0066;');
    expect(email.html).toContain('color:rgb(1, 2, 3);');

    const hostile = await render('magic_link', 'en', sample.magic_link, {
      logoUrl: 'javascript:alert(1)',
      primaryColor: 'red;background:url(https://evil.test/x)',
      textColor: 'expression(alert(1))',
    });
    expect(hostile.html).not.toMatch(/javascript:|evil\.test|expression\(/);
    // falls back to the deployment's logo and the default colors
    expect(hostile.html).toContain('https://cdn.example.test/logo.png');
    expect(hostile.html).toContain('background:#18181b;');
  });

  it('shows the name instead of a logo when none is configured', async () => {
    overrideConfigForTesting({ branding: { ...original.branding, emailSenderName: 'Acme Auth', companyEmailLogoUrl: '' } });
    const email = await render('welcome', 'en', { name: 'Ada' });
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain('font-weight:600;">Acme Auth</p>');
    expect(email.html).not.toContain('<a href');
  });

  it('refuses links that are not http(s)', async () => {
    await expect(render('magic_link', 'en', { link: 'javascript:alert(1)' })).rejects.toThrow(/link/);
    await expect(render('invitation', 'en', { link: '//evil.example.test/x' })).rejects.toThrow(/link/);
    await expect(render('email_mfa_code', 'en', { code: ' ' })).rejects.toThrow(/code/);
  });
});
