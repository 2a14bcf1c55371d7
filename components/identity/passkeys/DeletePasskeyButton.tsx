'use client';

import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { useHydrated } from '../use-hydrated';
import { usePolicyAction } from '../policies/use-policy-action';

/** manage_passkey: deletes one passkey; the page reloads with the list. */
export function DeletePasskeyButton({ requestId, passkeyId, label, accessibleLabel }: { requestId: string; passkeyId: string; label: string; accessibleLabel: string }) {
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const { run, busy, formError, alertRef } = usePolicyAction('/identity/v1/policy/delete-passkey', requestId);
  return (
    <div className="flex shrink-0 flex-col items-end gap-2">
      <Button type="button" variant="secondary" size="sm" disabled={!hydrated} loading={busy} loadingLabel={tCommon('loading')} aria-label={accessibleLabel} onClick={() => run({ passkeyId })}>
        {label}
      </Button>
      {formError ? (
        <Alert ref={alertRef} variant="error" tabIndex={-1}>
          {formError}
        </Alert>
      ) : null}
    </div>
  );
}
