import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { DeviceCodeForm } from '@/components/identity/DeviceCodeForm';
import { deploymentBranding } from '@/components/identity/flow-page';
import { IdentityShell } from '@/components/identity/IdentityShell';
import { formatUserCode, normalizeUserCode } from '@/lib/oauth/device-authorization';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('device');
  return { title: t('title') };
}

/**
 * verification_uri of the device flow. With verification_uri_complete the code is filled in, and the
 * user is asked to compare it with the device's before continuing (RFC 8628 §5.4: a phished link
 * must not connect a device with one click).
 */
export default async function DevicePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { user_code: userCode } = await searchParams;
  const prefilled = typeof userCode === 'string' ? normalizeUserCode(userCode) : null;
  const t = await getTranslations('device');
  return (
    <IdentityShell title={t('title')} description={prefilled ? t('confirmCode') : t('enterCode')} branding={deploymentBranding()}>
      <DeviceCodeForm action="/identity/v1/authorize-device" defaultCode={prefilled ? formatUserCode(prefilled) : ''} />
    </IdentityShell>
  );
}
