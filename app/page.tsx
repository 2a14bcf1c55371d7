import { getTranslations } from 'next-intl/server';
import { IdentityShell } from '@/components/identity/IdentityShell';

/** Start page. Tessera Auth is a server, not a site: name, purpose and the public endpoints. */
export default async function HomePage() {
  const t = await getTranslations('home');
  const endpoints = [
    { href: '/.well-known/openid-configuration', label: t('discovery') },
    { href: '/.well-known/jwks.json', label: t('jwks') },
  ];
  return (
    <IdentityShell title={t('tagline')}>
      <div className="flex flex-col gap-5 text-sm">
        <p className="text-pretty text-muted-foreground">{t('description')}</p>
        <section aria-labelledby="endpoints-heading" className="flex flex-col gap-2">
          <h2 id="endpoints-heading" className="font-medium text-surface-foreground">
            {t('endpoints')}
          </h2>
          <ul className="flex flex-col divide-y divide-border rounded-control border border-border">
            {endpoints.map((e) => (
              <li key={e.href}>
                <a
                  href={e.href}
                  className="flex flex-col gap-0.5 px-3.5 py-2.5 hover:bg-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
                >
                  <span className="text-brand">{e.label}</span>
                  <span className="font-mono text-xs text-muted-foreground">{e.href}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </IdentityShell>
  );
}
