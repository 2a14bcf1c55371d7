import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { TestSignInOutcome } from '@/components/admin/apps/TestSignInOutcome';
import { AdminShell } from '@/components/admin/AdminShell';
import { WithMessages } from '@/components/identity/WithMessages';
import { adminPageSession } from '@/lib/admin/page-session';
import { readTestSignInResult, TEST_SIGN_IN_RESULT_COOKIE } from '@/lib/admin/test-sign-in';
import { TEST_SIGN_IN_FAILURES, type TestSignInFailure } from '@/lib/integration/test-sign-in-failures';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('adminIntegrate.result');
  return { title: t('title') };
}

/**
 * The test sign-in popup's last page: the verified ID token's claims (or why there are none), for
 * the dashboard session that started the test only; the same result goes to the Integrate tab
 * that opened the popup.
 */
export default async function TestSignInResultPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const t = await getTranslations('adminIntegrate.result');
  const page = await adminPageSession();
  if (page.kind !== 'session') {
    return (
      <AdminShell title={t('title')}>
        <p role="alert" className="text-sm">
          {t('signIn')}
        </p>
      </AdminShell>
    );
  }
  const { reason } = await searchParams;
  const result = readTestSignInResult((await cookies()).get(TEST_SIGN_IN_RESULT_COOKIE)?.value, page.session);
  const outcome =
    result?.outcome ??
    ({ ok: false, reason: TEST_SIGN_IN_FAILURES.includes(reason as TestSignInFailure) ? (reason as TestSignInFailure) : 'no_pending_test', detail: '' } as const);
  return (
    <AdminShell title={t('title')}>
      <WithMessages namespaces={['adminIntegrate']}>
        <TestSignInOutcome appId={result?.appId ?? ''} appName={result?.appName ?? ''} outcome={outcome} />
      </WithMessages>
    </AdminShell>
  );
}
