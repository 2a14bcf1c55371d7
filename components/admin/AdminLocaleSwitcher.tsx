'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { cn } from '@/lib/ui/cn';

/**
 * Links that reload the current dashboard URL with `locale=<x>` (proxy.ts stores the choice in the
 * locale cookie). Built from the client's URL: the console layout is not rendered again on
 * client-side navigation, so a server-built link would point at the first page visited.
 */
export function AdminLocaleSwitcher({ label, current, locales }: { label: string; current: string; locales: readonly { code: string; name: string }[] }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  if (locales.length < 2) return null;
  const hrefFor = (code: string) => {
    const params = new URLSearchParams(searchParams.toString());
    params.set('locale', code);
    return `${pathname}?${params}`;
  };
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
        {locales.map((locale) => (
          <li key={locale.code}>
            <a
              href={hrefFor(locale.code)}
              lang={locale.code}
              hrefLang={locale.code}
              aria-current={locale.code === current ? 'true' : undefined}
              className={cn(
                'rounded-sm underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring',
                locale.code === current ? 'font-semibold text-foreground' : 'text-muted-foreground',
              )}
            >
              {locale.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
