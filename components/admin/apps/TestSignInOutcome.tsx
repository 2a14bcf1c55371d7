'use client';

import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { Button } from '@/components/ui/Button';
import { TEST_SIGN_IN_MESSAGE, type TestSignInFailure } from '@/lib/integration/test-sign-in-failures';
import { ClaimsTable } from './IntegratePanel';

type Outcome = { ok: true; claims: Record<string, unknown> } | { ok: false; reason: TestSignInFailure; detail: string };

/** The result page's content; it also hands the outcome to the Integrate tab that opened the popup (same origin only). */
export function TestSignInOutcome({ appId, appName, outcome }: { appId: string; appName: string; outcome: Outcome }) {
  const t = useTranslations('adminIntegrate.result');
  const tIntegrate = useTranslations('adminIntegrate');
  useEffect(() => {
    window.opener?.postMessage({ type: TEST_SIGN_IN_MESSAGE, appId, outcome }, window.location.origin);
  }, [appId, outcome]);
  return (
    <div className="flex flex-col gap-4">
      {outcome.ok ? (
        <>
          <p role="status" className="text-sm">
            {t('success', { name: appName })}
          </p>
          <ClaimsTable claims={outcome.claims} caption={tIntegrate('test.claimsTitle')} />
        </>
      ) : (
        <div role="alert" className="flex flex-col gap-1 text-sm">
          <p className="font-medium">{t('failed')}</p>
          <p>{t(`reasons.${outcome.reason}`, { detail: outcome.detail })}</p>
        </div>
      )}
      <div>
        <Button variant="secondary" onClick={() => window.close()}>
          {t('close')}
        </Button>
      </div>
    </div>
  );
}
