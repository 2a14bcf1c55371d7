'use client';

import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { useHydrated } from '../use-hydrated';
import { usePolicyAction } from './use-policy-action';

/** The final, explicit confirmation: a checkbox the user ticks, then the destructive button. */
export function DeleteAccountForm({ requestId }: { requestId: string }) {
  const t = useTranslations('policies.deleteAccount');
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const id = useId();
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const checkboxRef = useRef<HTMLInputElement>(null);
  const { run, busy, formError, alertRef, errorText } = usePolicyAction('/identity/v1/policy/delete-account', requestId);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!confirmed) {
      setError(errorText('confirmation_required'));
      checkboxRef.current?.focus();
      return;
    }
    setError(null);
    await run({ confirm: true });
  }

  return (
    <form method="post" action="/identity/v1/policy/delete-account" noValidate onSubmit={onSubmit} className="flex flex-col gap-5" data-testid="delete-account-form">
      {formError ? (
        <Alert ref={alertRef} variant="error" tabIndex={-1}>
          {formError}
        </Alert>
      ) : null}
      <div className="flex flex-col gap-1.5">
        <div className="flex items-start gap-3">
          <input
            ref={checkboxRef}
            id={id}
            type="checkbox"
            name="confirm"
            checked={confirmed}
            onChange={(event) => setConfirmed(event.target.checked)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            className="mt-0.5 size-4 shrink-0 accent-(--danger)"
          />
          <label htmlFor={id} className="text-sm text-surface-foreground">
            {t('confirm')}
          </label>
        </div>
        {error ? (
          <p id={`${id}-error`} className="text-sm font-medium text-danger">
            {error}
          </p>
        ) : null}
      </div>
      <Button type="submit" variant="danger" size="lg" fullWidth disabled={!hydrated} loading={busy} loadingLabel={tCommon('loading')}>
        {t('submit')}
      </Button>
    </form>
  );
}
