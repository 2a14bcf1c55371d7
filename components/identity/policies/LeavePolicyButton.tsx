'use client';

import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/Alert';
import { Button, type ButtonVariant } from '@/components/ui/Button';
import { useHydrated } from '../use-hydrated';
import { usePolicyAction } from './use-policy-action';

export interface LeavePolicyButtonProps {
  requestId: string;
  label: string;
  variant?: ButtonVariant;
  fullWidth?: boolean;
}

/** "Back to the app" / "Done": ends the policy page without (further) changes (POST …/policy/leave). */
export function LeavePolicyButton({ requestId, label, variant = 'secondary', fullWidth = true }: LeavePolicyButtonProps) {
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const { run, busy, formError, alertRef } = usePolicyAction('/identity/v1/policy/leave', requestId);
  return (
    <div className="flex flex-col gap-3">
      {formError ? (
        <Alert ref={alertRef} variant="error" tabIndex={-1}>
          {formError}
        </Alert>
      ) : null}
      <Button
        type="button"
        variant={variant}
        size="lg"
        fullWidth={fullWidth}
        disabled={!hydrated}
        loading={busy}
        loadingLabel={tCommon('loading')}
        onClick={() => run({})}
        data-testid="leave-policy"
      >
        {label}
      </Button>
    </div>
  );
}
