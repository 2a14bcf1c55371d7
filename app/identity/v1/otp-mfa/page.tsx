import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { OtpStep } from '@/components/identity/mfa/OtpStep';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('mfa');
  return { title: t('otp.title') };
}

/** The otp_mfa step: a code from the authenticator app (OtpStep). */
export default function OtpMfaPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <OtpStep searchParams={searchParams} />;
}
