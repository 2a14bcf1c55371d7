import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import {
  LOCALE_COOKIE,
  LOCALE_HEADER,
  isSupportedLocale,
  offeredLocales,
  resolveLocale,
  type Locale,
} from '@/lib/config/locales';
import { config } from '@/lib/config';
import { loadMessages } from './catalog';

export type { Messages } from './catalog';

/**
 * next-intl request configuration, without i18n routing (no `[locale]` segment).
 *
 * Order: an explicit locale (`getTranslations({ locale })`, e.g. for an email in the recipient's
 * language) → the locale proxy.ts resolved and put in the `x-tessera-locale` request header → for
 * requests proxy.ts does not see (API routes), the same negotiation done here from the cookie and
 * Accept-Language.
 */
export default getRequestConfig(async ({ locale: explicit }) => {
  let locale: Locale;
  if (isSupportedLocale(explicit)) {
    locale = explicit;
  } else {
    const requestHeaders = await headers();
    const fromProxy = requestHeaders.get(LOCALE_HEADER);
    if (isSupportedLocale(fromProxy)) {
      locale = fromProxy;
    } else {
      const cookieStore = await cookies();
      locale = resolveLocale({
        cookie: cookieStore.get(LOCALE_COOKIE)?.value,
        acceptLanguage: requestHeaders.get('accept-language'),
        supported: offeredLocales(config().supportedLocales),
      });
    }
  }
  return { locale, messages: await loadMessages(locale) };
});
