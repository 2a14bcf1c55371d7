'use client';

import { useRef, useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { isEmailAddress } from '@/lib/email/address';
import { useHydrated } from '../use-hydrated';
import { usePolicyAction } from './use-policy-action';

export interface ChangeEmailFormProps {
  requestId: string;
  /** Where the live code of this request went; null before a code was sent. */
  pendingEmail: string | null;
}

/**
 * Two stages on one page: the new address (a code is sent to it, the page reloads), then the code.
 * "Use another address" goes back to the first stage; "Send a new code" repeats the send.
 */
export function ChangeEmailForm({ requestId, pendingEmail }: ChangeEmailFormProps) {
  const t = useTranslations('policies.changeEmail');
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const [editing, setEditing] = useState(pendingEmail === null);
  const [email, setEmail] = useState(pendingEmail ?? '');
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const send = usePolicyAction('/identity/v1/policy/change-email-code', requestId);
  const confirm = usePolicyAction('/identity/v1/policy/change-email', requestId);
  const { errorText } = send;

  function showField(message: string | null): boolean {
    setFieldError(message);
    if (message) inputRef.current?.focus();
    return message !== null;
  }

  async function onSend(event?: FormEvent<HTMLFormElement>) {
    event?.preventDefault();
    const value = email.trim();
    if (showField(!value ? errorText('required') : !isEmailAddress(value) ? errorText('invalid_email') : null)) return;
    await send.run({ email: value }, (fields) => showField(fields.email ? errorText(fields.email) : null));
  }

  async function onConfirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = code.trim();
    if (showField(!value ? errorText('required') : !/^\d{6}$/.test(value) ? errorText('invalid_code') : null)) return;
    await confirm.run({ code: value }, (fields) => showField(fields.code ? errorText(fields.code) : null));
  }

  const formError = send.formError ?? confirm.formError;
  const alertRef = send.formError ? send.alertRef : confirm.alertRef;
  const alert = formError ? (
    <Alert ref={alertRef} variant="error" tabIndex={-1}>
      {formError}
    </Alert>
  ) : null;

  if (editing || pendingEmail === null) {
    return (
      <form method="post" action="/identity/v1/policy/change-email-code" noValidate onSubmit={onSend} className="flex flex-col gap-5" data-testid="change-email-form">
        {alert}
        <TextField
          ref={inputRef}
          label={t('newEmail')}
          type="email"
          name="email"
          autoComplete="email"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={fieldError ?? undefined}
        />
        <Button type="submit" size="lg" fullWidth disabled={!hydrated} loading={send.busy} loadingLabel={tCommon('loading')}>
          {t('sendCode')}
        </Button>
      </form>
    );
  }

  return (
    <form method="post" action="/identity/v1/policy/change-email" noValidate onSubmit={onConfirm} className="flex flex-col gap-5" data-testid="change-email-code-form">
      <Alert variant="info" role="status">
        {t('codeSent', { email: pendingEmail })}
      </Alert>
      {alert}
      <TextField
        ref={inputRef}
        label={t('code')}
        hint={t('codeHint')}
        name="code"
        autoComplete="one-time-code"
        inputMode="numeric"
        maxLength={6}
        required
        value={code}
        onChange={(event) => setCode(event.target.value.replace(/\s+/g, ''))}
        error={fieldError ?? undefined}
      />
      <Button type="submit" size="lg" fullWidth disabled={!hydrated || send.busy} loading={confirm.busy} loadingLabel={tCommon('loading')}>
        {t('submit')}
      </Button>
      <div className="flex flex-wrap justify-between gap-2">
        <Button type="button" variant="ghost" size="sm" disabled={!hydrated || confirm.busy} loading={send.busy} loadingLabel={tCommon('loading')} onClick={() => onSend()}>
          {t('resend')}
        </Button>
        <Button
          type="button"
          variant="ghost"
          size="sm"
          disabled={!hydrated || send.busy || confirm.busy}
          onClick={() => {
            setFieldError(null);
            setEditing(true);
          }}
        >
          {t('otherAddress')}
        </Button>
      </div>
    </form>
  );
}
