import type { Locale } from '@/lib/config/locales';
import type { Messages } from './catalog';

// Type-checked message keys and locales for useTranslations / getTranslations.
// messages/en/*.json is the reference catalog; lib/i18n/messages.test.ts keeps the others in step.
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
