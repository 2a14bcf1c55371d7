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
  const action = usePasskeyAction(requestId);
  return (
    <div className="flex flex-col gap-5" data-testid="recovery-code-enroll">
      {action.error ? (
        <Alert ref={action.alertRef} variant="error" tabIndex={-1}>
          {action.error}
        </Alert>
      ) : null}
      <RecoveryCodeView code={code} />
      <Button
        type="button"
        size="lg"
        fullWidth
        disabled={!hydrated}
        loading={action.busy}
        loadingLabel={tCommon('loading')}
        onClick={() => action.run('saved', async () => void (await action.go('/identity/v1/process-recovery-code-enroll', {})))}
      >
        {t('saved')}
      </Button>
    </div>
  );
}
