import type { Messages } from './request';

/**
 * Namespaces the client islands under the root layout need. The root layout sends only these to the
 * browser (every message in a catalog would otherwise ship with every page). A client component that
 * calls `useTranslations('x')` needs 'x' here, or a nested NextIntlClientProvider of its own (the
 * admin dashboard's layout is the place for admin namespaces).
 */
export const CLIENT_NAMESPACES = ['common', 'signIn', 'consent', 'deviceCode', 'errors', 'demo'] as const satisfies readonly (keyof Messages)[];

export type ClientMessages = Pick<Messages, (typeof CLIENT_NAMESPACES)[number]>;

export function pickClientMessages(messages: Messages): ClientMessages {
  const picked: Partial<ClientMessages> = {};
  for (const ns of CLIENT_NAMESPACES) {
    (picked as Record<string, unknown>)[ns] = messages[ns];
  }
  return picked as ClientMessages;
}
