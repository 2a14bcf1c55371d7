import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireSection } from '@/components/admin/section-gate';
import { IdentityShell } from '@/components/identity/IdentityShell';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { pageBrandingOf } from '@/lib/orgs/hosted-branding';
import { brandingPreviewRow } from '@/lib/orgs/preview';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('adminOrgs');
  return { title: t('previewTitle') };
}

/**
 * /admin/branding-preview?name=…&primaryButtonColor=…: the hosted sign-in page with an org's draft
 * branding, for the live preview of the org editor (shown in an iframe). Outside the console
 * layout so it looks exactly like a hosted page. The draft values go through the same read-side
 * guards as a real org (pageBrandingOf), so nothing reaches the page as raw CSS or a script URL;
 * and only a dashboard session that may see orgs gets it, so the route cannot be used to dress
 * up a look-alike sign-in page on this origin.
 */
export default async function BrandingPreviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const gate = await requireSection('orgs');
  if (gate.view) return gate.view;
  const [t, tOrgs, branding] = await Promise.all([
    getTranslations('signIn'),
    getTranslations('adminOrgs'),
    searchParams.then((params) => pageBrandingOf(brandingPreviewRow(params))),
  ]);
  // The main landmark is named: framed in the org editor, it sits beside the console's own main.
  return (
    <IdentityShell title={t('title')} branding={branding} locales={[]} mainLabel={tOrgs('previewTitle')}>
      {/* A picture of the form, not a form: inert keeps its fields out of the tab order. */}
      <div inert className="flex flex-col gap-4">
        <TextField label={t('email')} type="email" name="email" autoComplete="off" />
        <TextField label={t('password')} type="password" name="password" autoComplete="off" />
        <Button fullWidth>{t('submit')}</Button>
        <Button variant="secondary" fullWidth>
          {t('signUp')}
        </Button>
        <p className="text-center text-sm text-muted-foreground">{t('forgotPassword')}</p>
      </div>
    </IdentityShell>
  );
}
