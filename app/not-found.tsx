import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { IdentityShell } from '@/components/identity/IdentityShell';
import { buttonClasses } from '@/components/ui/Button';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('notFound');
  return { title: t('title') };
}

export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <IdentityShell title={t('title')}>
      <div className="flex flex-col gap-5 text-center">
        <p className="text-sm text-muted-foreground">{t('message')}</p>
        <Link href="/" className={buttonClasses({ variant: 'secondary', fullWidth: true })}>
          {t('home')}
        </Link>
      </div>
    </IdentityShell>
  );
}
