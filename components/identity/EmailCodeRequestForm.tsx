'use client';

import { useRef, useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { isEmailAddress } from '@/lib/email/address';
import { FormStatus } from './FormStatus';
import { useCredentialForm } from './use-credential-form';
import { useHydrated } from './use-hydrated';

export interface EmailCodeRequestFormProps {
  requestId: string;
  /** POST `{ requestId, email }` → `{ redirectTo }` (the page that asks for the code). */
  action: string;
  labels: { email: string; submit: string; error: string };
  defaultEmail?: string;
}

/** Passwordless sign-in's first step: an email address, then the code (or link) page. */
export function EmailCodeRequestForm({ requestId, action, labels, defaultEmail = '' }: EmailCodeRequestFormProps) {
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const form = useCredentialForm({ requestId, fallback: labels.error });
  const [email, setEmail] = useState(defaultEmail);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  function showFieldError(message: string) {
    setError(message);
    inputRef.current?.focus();
    return true;
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = email.trim();
    if (!value) return void showFieldError(form.fieldText('required'));
    if (!isEmailAddress(value)) return void showFieldError(form.fieldText('invalid_email'));
    setError(null);
    await form.submit(action, { requestId, email: value }, (fields) => (fields.email ? showFieldError(fields.email) : false));
  }

  return (
    <form method="post" action={action} noValidate onSubmit={onSubmit} className="flex flex-col gap-5" data-testid="passwordless-form">
      <FormStatus error={form.formError} notice={form.notice} alertRef={form.alertRef} />
      <TextField
        ref={inputRef}
        label={labels.email}
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        required
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={error ?? undefined}
      />
      <Button type="submit" fullWidth size="lg" loading={form.busy} loadingLabel={tCommon('loading')} disabled={!hydrated}>
        {labels.submit}
      </Button>
    </form>
  );
}
