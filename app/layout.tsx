import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { GeistSans } from 'geist/font/sans';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import { localeDirection } from '@/lib/config/locales';
import { pickClientMessages } from '@/lib/i18n/client-messages';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  const appName = t('appName');
  return {
    title: { default: appName, template: `%s · ${appName}` },
    // An authorization server's pages are not search results.
    robots: { index: false, follow: false },
  };
}

export const viewport: Viewport = {
  colorScheme: 'light dark',
  width: 'device-width',
  initialScale: 1,
};

/**
 * Root layout. Every page is rendered per request: the locale comes from the x-tessera-locale header
 * set by proxy.ts (read in lib/i18n/request.ts), and the CSP nonce must be fresh per response.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const messages = await getMessages();
  return (
    <html lang={locale} dir={localeDirection(locale)} className={GeistSans.variable}>
      <body>
        <NextIntlClientProvider locale={locale} messages={pickClientMessages(messages)}>
          {children}
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
