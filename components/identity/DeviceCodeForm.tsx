'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { followRedirect, submitJson } from './submit-json';
import { useErrorMessage } from './use-error-message';
import { useHydrated } from './use-hydrated';

export interface DeviceCodeFormProps {
  /** URL the form POSTs `{ userCode }` to, as JSON. */
  action: string;
  /** The code from verification_uri_complete, for the user to compare with the device's. */
  defaultCode?: string;
}

/**
 * The user code of a device sign-in (RFC 8628). Letters may be typed in any case, with or without
 * the dash. A wrong code is reported on the field (the server says only "invalid or expired");
 * other failures in an alert. Focus moves to whichever shows the error.
 */
export function DeviceCodeForm({ action, defaultCode = '' }: DeviceCodeFormProps) {
  const t = useTranslations('deviceCode');
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const errorMessage = useErrorMessage();
  const [code, setCode] = useState(defaultCode);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [navigating, setNavigating] = useState(false);
  const [focusAlert, setFocusAlert] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focusAlert > 0) alertRef.current?.focus();
  }, [focusAlert]);

  function showFieldError(message: string) {
    setFieldError(message);
    inputRef.current?.focus();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending || navigating) return;
    setFormError(null);
    if (code.trim() === '') {
      showFieldError(t('required'));
      return;
    }
    setFieldError(null);
    setPending(true);
    const result = await submitJson(action, { userCode: code });
    setPending(false);
    if (result.ok) {
      setNavigating(followRedirect(result.redirectTo));
      return;
    }
    const message = errorMessage(result.error, result.message, t('error'));
    if (result.error === 'invalid_user_code' || result.fields?.userCode) {
      showFieldError(message);
      return;
    }
    setFormError(message);
    setFocusAlert((n) => n + 1);
  }

  return (
    <form method="post" action={action} noValidate onSubmit={onSubmit} className="flex flex-col gap-5" data-testid="device-code-form">
      {formError ? (
        <Alert ref={alertRef} variant="error" tabIndex={-1}>
          {formError}
        </Alert>
      ) : null}
      <TextField
        ref={inputRef}
        label={t('label')}
        hint={t('hint')}
        name="userCode"
        value={code}
        onChange={(event) => setCode(event.target.value)}
        autoComplete="one-time-code"
        autoCapitalize="characters"
        autoCorrect="off"
        spellCheck={false}
        maxLength={16}
        required
        error={fieldError ?? undefined}
        className="font-mono text-lg tracking-[0.2em] uppercase sm:text-lg"
      />
      <Button type="submit" fullWidth size="lg" loading={pending || navigating} loadingLabel={tCommon('loading')} disabled={!hydrated}>
        {t('submit')}
      </Button>
    </form>
  );
}
