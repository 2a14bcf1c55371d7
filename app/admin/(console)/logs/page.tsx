import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireSection } from '@/components/admin/section-gate';
import { LogsView } from '@/components/admin/logs/LogsView';
import { config } from '@/lib/config';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.nav');
  return { title: t('logs') };
}

/** /admin/logs: email, SMS and sign-in logs (root only, as Melody's logs API). */
export default async function LogsPage() {
  const gate = await requireSection('logs');
  if (gate.view) return gate.view;
  const current = config();
  // A log that is off shows how to turn it on rather than an empty list.
  return <LogsView enabled={{ email: current.enableEmailLog, sms: current.enableSmsLog, 'sign-in': current.enableSignInLog }} />;
}
