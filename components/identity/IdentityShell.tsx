import type { CSSProperties, ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/Card';
import type { Locale } from '@/lib/config/locales';
import { config } from '@/lib/config';
import { cn } from '@/lib/ui/cn';
import { brandingCssVariables, type PageBrandingOverrides } from '@/lib/orgs/hosted-branding';
import { safeFontUrl, safeHttpUrl } from '@/lib/ui/safe-values';
import { LocaleSwitcher } from './LocaleSwitcher';

/** Branding for one page (deployment defaults merged with the org's overrides by the caller). */
export type IdentityBranding = PageBrandingOverrides;

export interface IdentityShellProps {
  /** Page heading (rendered as the page's h1). Omit when the children bring their own h1 (ErrorView). */
  title?: ReactNode;
  /** Short text under the title. */
  description?: ReactNode;
  children: ReactNode;
  branding?: IdentityBranding;
  /** Locales offered by the switcher (default: all supported); the switcher hides with fewer than two. */
  locales?: readonly Locale[];
  /** Names the main landmark, for a page shown inside another (the dashboard's branding preview). */
  mainLabel?: string;
}

/**
 * Layout of every hosted identity page: centered card with logo, product/org name, title and content,
 * and a footer with the legal links and the locale switcher. Server Component. Branding values are
 * validated here; invalid ones are ignored.
 */
export async function IdentityShell({ title, description, children, branding = {}, locales, mainLabel }: IdentityShellProps) {
  const t = await getTranslations('identity');
  const tCommon = await getTranslations('common');
  const name = branding.name?.trim() || tCommon('appName');
  const logoUrl = safeHttpUrl(branding.logoUrl) ?? '/logo.svg';
  const termsUrl = safeHttpUrl(branding.termsUrl);
  const privacyUrl = safeHttpUrl(branding.privacyUrl);

  // Org values reach CSS only as validated custom properties, never as raw declarations.
  const variables = brandingCssVariables(branding);
  const background = variables['--org-layout'];
  const text = variables['--org-label'];
  const fontFamily = variables['--org-font'];
  const fontUrl = fontFamily ? safeFontUrl(branding.fontUrl, config().brandingFontHosts) : undefined;
  const style = Object.keys(variables).length ? (variables as CSSProperties) : undefined;

  return (
    <div
      className={cn(
        'flex min-h-dvh flex-col items-center px-4 py-8 sm:justify-center sm:py-12',
        background && 'bg-(--org-layout)',
        fontFamily && 'font-(family-name:--org-font)',
      )}
      style={style}
    >
      {fontUrl ? <link rel="stylesheet" href={fontUrl} referrerPolicy="no-referrer" /> : null}
      <main className="w-full max-w-[26rem]" aria-label={mainLabel}>
        <Card>
          <CardHeader className="items-center text-center">
            {/* eslint-disable-next-line @next/next/no-img-element -- logos are arbitrary configured URLs */}
            <img
              src={logoUrl}
              alt={t('logoAlt', { name })}
              width={48}
              height={48}
              className="mb-1 size-12 object-contain"
              referrerPolicy="no-referrer"
            />
            <p className="text-sm font-medium text-muted-foreground" data-testid="brand-name">{name}</p>
            {title ? (
              <h1 className="mt-2 text-2xl font-semibold tracking-tight text-balance text-surface-foreground">{title}</h1>
            ) : null}
            {description ? <CardDescription>{description}</CardDescription> : null}
          </CardHeader>
          <CardContent>{children}</CardContent>
        </Card>
      </main>
      <footer className={cn('mt-6 flex w-full max-w-[26rem] flex-col items-center gap-3 text-sm', text ? 'text-(--org-label)' : 'text-muted-foreground')}>
        {termsUrl || privacyUrl ? (
          <ul className="flex flex-wrap items-center justify-center gap-x-4 gap-y-1">
            {termsUrl ? (
              <li>
                <a href={termsUrl} target="_blank" rel="noopener noreferrer" className="underline-offset-4 hover:underline">
                  {t('terms')}
                </a>
              </li>
            ) : null}
            {privacyUrl ? (
              <li>
                <a href={privacyUrl} target="_blank" rel="noopener noreferrer" className="underline-offset-4 hover:underline">
                  {t('privacy')}
                </a>
              </li>
            ) : null}
          </ul>
        ) : null}
        <LocaleSwitcher locales={locales} />
      </footer>
    </div>
  );
}
