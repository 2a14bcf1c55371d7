'use client';

import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { useHydrated } from '../use-hydrated';
import { RecoveryCodeView } from './RecoveryCodeView';
import { usePasskeyAction } from './use-passkey-action';

/** The recovery_code_enroll step: the code, then "I have saved it". */
export function RecoveryCodeEnroll({ requestId, code }: { requestId: string; code: string }) {
  const t = useTranslations('recoveryCodes');
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const { error, alertRef, busy, run, go } = usePasskeyAction(requestId);
  return (
    <div className="flex flex-col gap-5" data-testid="recovery-code-enroll">
      {error ? (
        <Alert ref={alertRef} variant="error" tabIndex={-1}>
          {error}
        </Alert>
      ) : null}
      <RecoveryCodeView code={code} />
      <Button
        type="button"
        size="lg"
        fullWidth
        disabled={!hydrated}
        loading={busy}
        loadingLabel={tCommon('loading')}
        onClick={() => run('saved', async () => void (await go('/identity/v1/process-recovery-code-enroll', {})))}
      >
        {t('saved')}
      </Button>
    </div>
  );
}
