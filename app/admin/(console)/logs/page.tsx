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
  // Sign-ins are always logged here; email and SMS only with their flags (Melody's defaults: off).
  return <LogsView enabled={{ email: current.enableEmailLog, sms: current.enableSmsLog, 'sign-in': true }} />;
}
