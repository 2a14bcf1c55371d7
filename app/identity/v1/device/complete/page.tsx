import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { deploymentBranding } from '@/components/identity/flow-page';
import { IdentityShell } from '@/components/identity/IdentityShell';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const RESULTS = {
  approved: { title: 'approvedTitle', message: 'approvedMessage' },
  denied: { title: 'deniedTitle', message: 'deniedMessage' },
} as const;

async function resultOf(searchParams: SearchParams) {
  const { result } = await searchParams;
  return result === 'approved' || result === 'denied' ? RESULTS[result] : null;
}

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const result = await resultOf(searchParams);
  const t = await getTranslations('device');
  return { title: t(result?.title ?? 'title') };
}

/** End of a device sign-in: the user has no app to go back to, so the page says what happened. */
export default async function DeviceCompletePage({ searchParams }: { searchParams: SearchParams }) {
  const result = await resultOf(searchParams);
  if (!result) notFound();
  const t = await getTranslations('device');
  return (
    <IdentityShell title={t(result.title)} branding={deploymentBranding()}>
      <p className="text-center text-sm text-pretty text-muted-foreground">{t(result.message)}</p>
    </IdentityShell>
  );
}
