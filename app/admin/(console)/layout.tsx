import type { ReactNode } from 'react';
import { headers } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import { AdminLocaleSwitcher } from '@/components/admin/AdminLocaleSwitcher';
import { AdminProviders } from '@/components/admin/AdminProviders';
import { SignOutForm } from '@/components/admin/AdminShell';
import { AdminSidebar } from '@/components/admin/AdminSidebar';
import { ADMIN_CLIENT_NAMESPACES } from '@/components/admin/namespaces';
import { CSRF_META } from '@/components/admin/api-client';
import { WithMessages } from '@/components/identity/WithMessages';
import { consolePageSession } from '@/lib/admin/page-session';
import { visibleSections } from '@/lib/admin/sections';
import { config } from '@/lib/config';
import { LOCALE_NATIVE_NAMES, offeredLocales } from '@/lib/config/locales';
import { NONCE_HEADER } from '@/lib/web/security-headers';

export const dynamic = 'force-dynamic';

/**
 * The dashboard console: sidebar navigation with the sections the session's rights allow, the
 * signed-in admin, a locale switcher (the deployment's SUPPORTED_LOCALES) and sign-out around the page. Without a session or without
 * any admin right the page renders alone (its requireSection gate shows the sign-in bounce,
 * signed-out or no-access page).
 */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const page = await consolePageSession();
  if (page.kind !== 'session' || !page.session.scopes.length) return children;

  const { session } = page;
  const [t, tNav, locale, requestHeaders] = await Promise.all([getTranslations('admin'), getTranslations('admin.nav'), getLocale(), headers()]);
  const email = session.user.email ?? session.user.id;
  const name = [session.user.firstName, session.user.lastName].filter(Boolean).join(' ') || email;
  const links = visibleSections(session.scopes).map((section) => ({ id: section.id, href: section.href, label: tNav(section.id) }));

  return (
    <WithMessages namespaces={ADMIN_CLIENT_NAMESPACES}>
      <meta name={CSRF_META} content={session.csrfToken} />
      <AdminProviders viewer={{ userId: session.userId, email: session.user.email, name, scopes: session.scopes }} styleNonce={requestHeaders.get(NONCE_HEADER)}>
        <a
          href="#admin-main"
          className="sr-only z-50 rounded-control bg-surface px-3 py-2 text-sm font-medium text-foreground focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus-visible:outline-2 focus-visible:outline-ring"
        >
          {t('skipToContent')}
        </a>
        <div className="min-h-dvh bg-background md:flex">
          <AdminSidebar
            title={t('title')}
            links={links}
            navLabel={t('navLabel')}
            menuLabel={t('menu')}
            footer={
              <>
                <div className="min-w-0 text-sm" data-testid="admin-user">
                  <p className="truncate font-medium text-foreground">{name}</p>
                  {name !== email ? <p className="truncate text-muted-foreground">{email}</p> : null}
                </div>
                <AdminLocaleSwitcher
                  label={t('language')}
                  current={locale}
                  locales={offeredLocales(config().supportedLocales).map((code) => ({ code, name: LOCALE_NATIVE_NAMES[code] }))}
                />
                <SignOutForm csrfToken={session.csrfToken} />
              </>
            }
          />
          <main id="admin-main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 focus:outline-none sm:px-8 sm:py-8">
            {children}
          </main>
        </div>
      </AdminProviders>
    </WithMessages>
  );
}
