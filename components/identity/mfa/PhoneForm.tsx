'use client';

import { useRef, useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { FormStatus } from '../FormStatus';
import { useCredentialForm } from '../use-credential-form';
import { useHydrated } from '../use-hydrated';

const E164 = /^\+[1-9]\d{7,14}$/;

/** The sms_mfa step without a verified number: the number, then a code is texted (the page reloads to ask for it). */
export function PhoneForm({ requestId }: { requestId: string }) {
  const t = useTranslations('mfa.sms');
  const tMfa = useTranslations('mfa');
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const form = useCredentialForm({ requestId, fallback: tMfa('error') });
  const [phoneNumber, setPhoneNumber] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  function showFieldError() {
    setError(t('invalidPhone'));
    inputRef.current?.focus();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = phoneNumber.replace(/[\s()-]/g, '');
    if (!E164.test(value)) return showFieldError();
    setError(null);
    const sent = await form.send('/identity/v1/setup-sms-mfa', { requestId, phoneNumber: value }, (fields) => {
      if (!fields.phoneNumber) return false;
      showFieldError();
      return true;
    });
    if (sent) window.location.reload();
  }

  return (
    <form method="post" action="/identity/v1/setup-sms-mfa" noValidate onSubmit={onSubmit} className="flex flex-col gap-5" data-testid="sms-phone-form">
      <FormStatus error={form.formError} notice={form.notice} alertRef={form.alertRef} />
      <TextField
        ref={inputRef}
        label={t('phoneLabel')}
        hint={t('phoneHint')}
        name="phoneNumber"
        type="tel"
        autoComplete="tel"
        inputMode="tel"
        value={phoneNumber}
        onChange={(event) => setPhoneNumber(event.target.value)}
        maxLength={20}
        required
        error={error ?? undefined}
      />
      <Button type="submit" fullWidth size="lg" loading={form.pending === 'send'} loadingLabel={tCommon('loading')} disabled={!hydrated}>
        {t('sendCode')}
      </Button>
    </form>
  );
}
