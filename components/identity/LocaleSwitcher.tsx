import { headers } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import { config } from '@/lib/config';
import { LOCALE_NATIVE_NAMES, LOCALE_PARAM, PATH_HEADER, offeredLocales, type Locale } from '@/lib/config/locales';
import { withSearchParam } from '@/lib/ui/safe-values';
import { cn } from '@/lib/ui/cn';

export interface LocaleSwitcherProps {
  /** Locales to offer (default: the deployment's SUPPORTED_LOCALES); hidden when fewer than two. */
  locales?: readonly Locale[];
  className?: string;
}

/**
 * Plain links that reload the current URL with `locale=<x>` (no JavaScript; proxy.ts then stores the
 * choice in the tessera_locale cookie). The current URL comes from the x-tessera-path request header
 * set by proxy.ts; all other query parameters (client_id, state, ...) are kept. Hidden when the
 * deployment turns it off (ENABLE_LOCALE_SELECTOR=false).
 */
export async function LocaleSwitcher({ locales, className }: LocaleSwitcherProps) {
  const { enableLocaleSelector, supportedLocales } = config();
  const offered = locales ?? offeredLocales(supportedLocales);
  if (!enableLocaleSelector || offered.length < 2) return null;
  const [current, t, requestHeaders] = await Promise.all([getLocale(), getTranslations('localeSwitcher'), headers()]);
  const path = requestHeaders.get(PATH_HEADER);

  return (
    // Eight languages wrap onto two or three lines on a phone: the globe stays by the first line and
    // the lines are centered under the card.
    <nav aria-label={t('label')} className={cn('flex items-start justify-center gap-2 text-sm', className)}>
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-4 shrink-0 text-muted-foreground">
        <path
          fillRule="evenodd"
          clipRule="evenodd"
          d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16ZM4.332 8.027a6.012 6.012 0 0 1 1.912-2.706C6.512 5.73 6.974 6 7.5 6A1.5 1.5 0 0 1 9 7.5V8a2 2 0 0 0 4 0 2 2 0 0 1 1.523-1.943A5.977 5.977 0 0 1 16 10c0 .34-.028.675-.083 1H15a2 2 0 0 0-2 2v2.197A5.973 5.973 0 0 1 10 16v-2a2 2 0 0 0-2-2 2 2 0 0 1-2-2 2 2 0 0 0-1.668-1.973Z"
        />
      </svg>
      <ul className="flex flex-wrap items-center justify-center gap-x-3 gap-y-1">
        {offered.map((locale) => {
          const isCurrent = locale === current;
          return (
            <li key={locale}>
              <a
                href={withSearchParam(path, LOCALE_PARAM, locale)}
                lang={locale}
                hrefLang={locale}
                aria-current={isCurrent ? 'true' : undefined}
                className={cn(
                  'rounded-sm underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring',
                  isCurrent ? 'font-semibold text-foreground' : 'text-muted-foreground',
                )}
              >
                {LOCALE_NATIVE_NAMES[locale]}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
