import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AdminShell } from '@/components/admin/AdminShell';
import { ADMIN_LOGIN_PATH } from '@/lib/admin/sign-in';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.signInFailed');
  return { title: t('title') };
}

/** Where the dashboard's callback lands when the sign-in cannot be completed. */
export default async function AdminSignInErrorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { reason } = await searchParams;
  const code = typeof reason === 'string' && /^[a-z_]{1,50}$/.test(reason) ? reason : 'server_error';
  const t = await getTranslations('admin.signInFailed');
  return (
    <AdminShell title={t('title')}>
      <p role="alert" className="text-sm text-muted-foreground">
        {code === 'access_denied' ? t('cancelled') : t('message')}
      </p>
      <p className="mt-2 text-xs text-muted-foreground">{t('reason', { reason: code })}</p>
      <a
        href={ADMIN_LOGIN_PATH}
        className="mt-6 inline-flex h-10 items-center justify-center rounded-control bg-brand px-4 text-sm font-medium text-brand-foreground shadow-sm hover:bg-brand-hover"
      >
        {t('retry')}
      </a>
    </AdminShell>
  );
}
