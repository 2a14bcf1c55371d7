import type { Messages } from '@/lib/i18n/catalog';

/**
 * Message namespaces the dashboard's client islands use. The console layout sends exactly these
 * (plus the root layout's) to the browser (components/identity/WithMessages). A page helper adds
 * its part (messages/<locale>/admin-<page>.json, registered in lib/i18n/catalog.ts) and its
 * namespace here.
 */
export const ADMIN_CLIENT_NAMESPACES = ['admin', 'adminRoles', 'adminApps', 'adminAttributes', 'adminBanners', 'adminUsers', 'adminOrgs', 'adminLogs', 'adminAudit', 'adminSaml', 'adminIntegrate', 'adminWebhooks', 'adminApiKeys', 'adminActivity'] as const satisfies readonly (keyof Messages)[];
