import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SamlIdpsView } from '@/components/admin/saml/SamlIdpsView';
import { requireSection } from '@/components/admin/section-gate';
import { config } from '@/lib/config';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.nav');
  return { title: t('saml') };
}

/** /admin/saml: SAML identity providers (ENABLE_SAML_SSO_AS_SP; root or manage_saml). */
export default async function SamlPage() {
  const gate = await requireSection('saml');
  if (gate.view) return gate.view;
  return <SamlIdpsView enabled={config().enableSamlSsoAsSp} />;
}
