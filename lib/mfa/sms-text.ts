import { createTranslator } from 'next-intl';
import { emailLocale } from '@/lib/email/render';
import { loadMessages } from '@/lib/i18n/catalog';

/** The SMS MFA message in the request's language (catalog `mfa.smsText`), negotiated like emails. */
export async function smsCodeText(locale: string, values: { code: string; appName: string }): Promise<string> {
  const resolved = emailLocale(locale);
  const t = createTranslator({ locale: resolved, messages: await loadMessages(resolved), namespace: 'mfa', timeZone: 'UTC' });
  return t('smsText', values);
}
