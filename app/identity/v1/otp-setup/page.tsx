import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { OtpStep } from '@/components/identity/mfa/OtpStep';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('mfa');
  return { title: t('otpSetup.title') };
}

/** The otp_setup step: TOTP secret as a QR code and as text, then a first code (OtpStep). */
export default function OtpSetupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <OtpStep searchParams={searchParams} />;
}
