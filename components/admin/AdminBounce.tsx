import { getTranslations } from 'next-intl/server';
import { AdminShell } from './AdminShell';

/**
 * Re-navigates to `href` from this page (a same-site navigation, which carries the SameSite=Strict
 * session cookie): see lib/admin/page-session.ts. A meta refresh is a navigation, not a script, so
 * the CSP does not stand in its way; the link covers browsers that ignore it.
 */
export async function AdminBounce({ href }: { href: string }) {
  const t = await getTranslations('admin.redirect');
  return (
    <AdminShell title={t('title')}>
      <meta httpEquiv="refresh" content={`0;url=${href}`} />
      <p className="text-sm text-muted-foreground">
        {t('message')}{' '}
        <a href={href} className="font-medium text-brand underline-offset-4 hover:underline">
          {t('continue')}
        </a>
      </p>
    </AdminShell>
  );
}
