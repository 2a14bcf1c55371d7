'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { useHydrated } from '../use-hydrated';
import { RecoveryCodeView } from './RecoveryCodeView';
import { usePasskeyAction } from './use-passkey-action';

/** manage_recovery_code: a new code (the current one stops working), shown once. */
export function RegenerateRecoveryCode({ requestId }: { requestId: string }) {
  const t = useTranslations('recoveryCodes');
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const { alertRef, busy, error: actionError, fetchData, run } = usePasskeyAction(requestId);
  const [code, setCode] = useState<string | null>(null);

  function generate() {
    return run('generate', async () => {
      const data = await fetchData('/identity/v1/regenerate-recovery-code');
      if (typeof data?.recoveryCode === 'string') setCode(data.recoveryCode);
    });
  }

  return (
    <div className="flex flex-col gap-5">
      {actionError ? (
        <Alert ref={alertRef} variant="error" tabIndex={-1}>
          {actionError}
        </Alert>
      ) : null}
      <div role="status" aria-live="polite" className="empty:hidden">
        {code ? <p className="mb-3 text-sm text-surface-foreground">{t('generated')}</p> : null}
      </div>
      {code ? <RecoveryCodeView code={code} /> : null}
      <Button type="button" variant={code ? 'secondary' : 'primary'} size="lg" fullWidth disabled={!hydrated} loading={busy} loadingLabel={tCommon('loading')} onClick={generate}>
        {t('generate')}
      </Button>
    </div>
  );
}
