import type { ReactNode } from 'react';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import { pickClientMessages } from '@/lib/i18n/client-messages';
import type { Messages } from '@/lib/i18n/request';

/**
 * Adds catalog namespaces for the client islands below it (the sign-up, verification, reset,
 * passwordless and invitation forms): only the pages that use them ship them, not every page of
 * the root layout (see CLIENT_NAMESPACES). Server Component.
 */
export async function WithMessages({ namespaces, children }: { namespaces: readonly (keyof Messages)[]; children: ReactNode }) {
  const messages = await getMessages();
  const extra = Object.fromEntries(namespaces.map((namespace) => [namespace, messages[namespace]]));
  return <NextIntlClientProvider messages={{ ...pickClientMessages(messages), ...extra }}>{children}</NextIntlClientProvider>;
}
