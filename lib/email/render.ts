import { createTranslator } from 'next-intl';
import { config } from '@/lib/config';
import { DEFAULT_LOCALE, SUPPORTED_LOCALES, isSupportedLocale, matchLocale, type Locale } from '@/lib/config/locales';
import { loadMessages } from '@/lib/i18n/catalog';
import { resolveEmailBranding, type EmailBranding, type ResolvedEmailBranding } from './branding';
import { renderHtml, renderText } from './html';
import { buildTemplate, type EmailTemplate, type EmailTemplateData } from './templates';

// The same catalogs as the hosted pages (namespace "emails"), loaded directly: next-intl's
// getTranslations() needs the React Server Components runtime, and emails are also sent from
// scripts and tests.

/** The recipient's locale if this deployment offers it ("zh" → "zh-CN"), else the default locale. */
export function emailLocale(requested: string | null | undefined): Locale {
  const offered = SUPPORTED_LOCALES.filter((locale) => config().supportedLocales.includes(locale));
  const fallback = config().defaultLocale;
  return matchLocale(requested, offered) ?? (isSupportedLocale(fallback) ? fallback : DEFAULT_LOCALE);
}

export interface RenderEmailInput<K extends EmailTemplate> {
  template: K;
  data: EmailTemplateData[K];
  /** The recipient's locale (user.locale, the request's locale); unsupported → default locale. */
  locale?: string | null;
  /** Org overrides of the deployment's branding. */
  branding?: EmailBranding;
}

export interface RenderedEmail {
  locale: Locale;
  subject: string;
  html: string;
  text: string;
  branding: ResolvedEmailBranding;
}

export async function renderEmail<K extends EmailTemplate>({ template, data, locale, branding }: RenderEmailInput<K>): Promise<RenderedEmail> {
  const resolvedLocale = emailLocale(locale);
  const messages = await loadMessages(resolvedLocale);
  const t = createTranslator({ locale: resolvedLocale, messages, namespace: 'emails', timeZone: 'UTC' });
  const resolvedBranding = resolveEmailBranding(branding);
  const appName = resolvedBranding.senderName;
  const { subject, blocks } = buildTemplate(template, { t, data, appName });
  const layout = { locale: resolvedLocale, subject, blocks, footer: t('layout.footer', { appName }), branding: resolvedBranding };
  return { locale: resolvedLocale, subject, html: renderHtml(layout), text: renderText(layout), branding: resolvedBranding };
}
