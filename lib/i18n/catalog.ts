import type hostedCatalog from '../../messages/en/hosted.json';
import type adminCatalog from '../../messages/en/admin.json';
import type mfaCatalog from '../../messages/en/mfa.json';
import type passkeysCatalog from '../../messages/en/passkeys.json';
import type adminUsersCatalog from '../../messages/en/admin-users.json';
import type adminConfigCatalog from '../../messages/en/admin-config.json';
import type adminOrgCatalog from '../../messages/en/admin-org.json';
import type adminLogsCatalog from '../../messages/en/admin-logs.json';
import type adminAuditCatalog from '../../messages/en/admin-audit.json';
import type adminSamlCatalog from '../../messages/en/admin-saml.json';
import type operationsCatalog from '../../messages/en/operations.json';
import type securityCatalog from '../../messages/en/security.json';
import type adminIntegrateCatalog from '../../messages/en/admin-integrate.json';
import type hooksCatalog from '../../messages/en/hooks.json';
import type adminWebhooksCatalog from '../../messages/en/admin-webhooks.json';
import type adminApiKeysCatalog from '../../messages/en/admin-api-keys.json';
import type adminActivityCatalog from '../../messages/en/admin-activity.json';
import type { Locale } from '@/lib/config/locales';

/**
 * Each locale's catalog is split into parts (`messages/<locale>/<part>.json`), one per area of the
 * product, so that work on one area never edits another area's file. Every part holds whole
 * top-level namespaces; the parts of a locale are merged into one next-intl catalog. `en` is the
 * reference: lib/i18n/messages.test.ts requires every supported locale to have every part with
 * exactly en's keys.
 */
export const CATALOG_PARTS = ['hosted', 'admin', 'mfa', 'passkeys', 'admin-config', 'admin-users', 'admin-org', 'admin-logs', 'admin-audit', 'admin-saml', 'operations', 'security', 'admin-integrate', 'hooks', 'admin-webhooks', 'admin-api-keys', 'admin-activity'] as const;
export type CatalogPart = (typeof CATALOG_PARTS)[number];

export type Messages = typeof hostedCatalog & typeof adminCatalog & typeof mfaCatalog & typeof passkeysCatalog & typeof adminConfigCatalog & typeof adminUsersCatalog & typeof adminOrgCatalog & typeof adminLogsCatalog & typeof adminAuditCatalog & typeof adminSamlCatalog & typeof operationsCatalog & typeof securityCatalog & typeof adminIntegrateCatalog & typeof hooksCatalog & typeof adminWebhooksCatalog & typeof adminApiKeysCatalog & typeof adminActivityCatalog;

export async function loadCatalogPart(locale: Locale, part: CatalogPart): Promise<Record<string, unknown>> {
  const loaded = (await import(`../../messages/${locale}/${part}.json`)) as { default: Record<string, unknown> };
  return loaded.default;
}

export async function loadMessages(locale: Locale): Promise<Messages> {
  const parts = await Promise.all(CATALOG_PARTS.map((part) => loadCatalogPart(locale, part)));
  return Object.assign({}, ...parts) as Messages;
}
