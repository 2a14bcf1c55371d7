import { DASHBOARD_CLIENT_ID, DEMO_CLIENT_ID } from '@/lib/apps/builtin';
import { config } from '@/lib/config';
import { hashPassword } from '@/lib/crypto/password';
import { randomToken } from '@/lib/crypto/tokens';
import { transaction } from '@/lib/db';
import { ensureSigningKey } from '@/lib/keys';
import { BUILT_IN_SCOPE_LOCALES, S2S_BUILT_IN_SCOPES, SPA_BUILT_IN_SCOPES, SUPER_ADMIN_ROLE } from '@/lib/access/builtin';

export interface SeedReport {
  adminEmail: string;
  /** Present only on the run that created the admin: it is never stored in clear. */
  adminPassword?: string;
  dashboardClientId: string;
  demoClientId: string;
  demoRedirectUri: string;
  signingKeyId: string;
}

/**
 * Idempotent first-start data: built-in scopes (with consent texts), the super_admin role, the
 * dashboard's own client, a demo SPA client, the first admin and the first signing key.
 * Concurrent runs are serialised by an advisory lock.
 */
export async function seed(): Promise<SeedReport> {
  const { authServerUrl, adminEmail } = config();
  const demoRedirectUri = `${authServerUrl}/demo`;
  const candidatePassword = randomToken(18);
  const candidateHash = await hashPassword(candidatePassword);

  const created = await transaction(
    async (tx) => {
      await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(727002)');

      const scopeIds = new Map<string, string>();
      const builtIns = [
        ...SPA_BUILT_IN_SCOPES.map((name) => ({ name, type: 'spa' as const })),
        ...S2S_BUILT_IN_SCOPES.map((name) => ({ name, type: 's2s' as const })),
      ];
      for (const { name, type } of builtIns) {
        const scope = await tx.scope.upsert({
          where: { name },
          create: { name, type, isBuiltIn: true },
          update: { isBuiltIn: true, type },
        });
        scopeIds.set(name, scope.id);
        for (const [locale, value] of Object.entries(BUILT_IN_SCOPE_LOCALES[name] ?? {})) {
          await tx.scopeLocale.upsert({
            where: { scopeId_locale: { scopeId: scope.id, locale } },
            create: { scopeId: scope.id, locale, value },
            update: {},
          });
        }
      }

      const superAdmin = await tx.role.upsert({
        where: { name: SUPER_ADMIN_ROLE },
        create: { name: SUPER_ADMIN_ROLE, isBuiltIn: true, note: 'Full access to the admin dashboard and every S2S resource.', adminScopes: ['root'] },
        update: { isBuiltIn: true },
      });

      const spaScopes = SPA_BUILT_IN_SCOPES.map((name) => ({ scopeId: scopeIds.get(name)! }));
      // The dashboard is a first-party client of this server: its URIs follow AUTH_SERVER_URL.
      const dashboard = {
        redirectUris: [`${authServerUrl}/admin/auth/callback`],
        postLogoutRedirectUris: [`${authServerUrl}/admin`],
      };
      await tx.app.upsert({
        where: { clientId: DASHBOARD_CLIENT_ID },
        create: {
          name: 'Tessera Admin',
          type: 'spa',
          clientId: DASHBOARD_CLIENT_ID,
          isBuiltIn: true,
          skipConsent: true,
          ...dashboard,
          scopes: { create: spaScopes },
        },
        update: { ...dashboard, isBuiltIn: true },
      });
      const demoExists = await tx.app.findUnique({ where: { clientId: DEMO_CLIENT_ID }, select: { id: true } });
      if (!demoExists) {
        await tx.app.create({
          data: {
            name: 'Demo App',
            type: 'spa',
            clientId: DEMO_CLIENT_ID,
            redirectUris: [demoRedirectUri],
            postLogoutRedirectUris: [demoRedirectUri],
            scopes: { create: spaScopes },
          },
        });
      }

      const adminCount = await tx.userRole.count({ where: { roleId: superAdmin.id } });
      const existingAdmin = await tx.user.findUnique({ where: { authProvider_email: { authProvider: 'local', email: adminEmail } } });
      if (adminCount > 0 || existingAdmin) return { adminCreated: false };
      await tx.user.create({
        data: {
          email: adminEmail,
          passwordHash: candidateHash,
          passwordAlgorithm: 'argon2id',
          passwordChangedAt: new Date(),
          emailVerified: true,
          emailVerifiedAt: new Date(),
          firstName: 'Admin',
          roles: { create: [{ roleId: superAdmin.id }] },
        },
      });
      return { adminCreated: true };
    },
    { timeout: 30_000 },
  );

  const key = await ensureSigningKey();
  return {
    adminEmail,
    ...(created.adminCreated ? { adminPassword: candidatePassword } : {}),
    dashboardClientId: DASHBOARD_CLIENT_ID,
    demoClientId: DEMO_CLIENT_ID,
    demoRedirectUri,
    signingKeyId: key.kid,
  };
}
