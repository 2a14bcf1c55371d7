'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { isEmailAddress } from '@/lib/email/address';
import { passwordPolicyIssues } from '@/lib/users/password-policy';
import { FormStatus } from './FormStatus';
import { PasswordField } from './PasswordField';
import { useCredentialForm } from './use-credential-form';
import { useHydrated } from './use-hydrated';

export interface ResetPasswordFormProps {
  /** The sign-in request the page belongs to, if any (where the user returns afterwards). */
  requestId?: string;
  defaultEmail?: string;
  /** A code from an operator's reset link (`npm run cli -- user reset-password`): the page opens at the code step. */
  defaultCode?: string;
}

type Field = 'email' | 'code' | 'password';

/**
 * "Forgot password?" in two steps on one page: the address (POST reset-password-code → 204, the
 * same for every address), then the emailed code and the new password (POST reset-password →
 * redirectTo: the request's sign-in page, or the "password changed" page).
 */
export function ResetPasswordForm({ requestId, defaultEmail = '', defaultCode = '' }: ResetPasswordFormProps) {
  const t = useTranslations('resetPassword');
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const form = useCredentialForm({ requestId, fallback: t('error') });
  const [phase, setPhase] = useState<'email' | 'code'>(defaultCode && defaultEmail ? 'code' : 'email');
  const [values, setValues] = useState<Record<Field, string>>({ email: defaultEmail, code: defaultCode, password: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLParagraphElement>(null);
  const order: Field[] = phase === 'email' ? ['email'] : ['code', 'password'];

  // Entering the code step, its instructions take focus (they say where the code went); back at the
  // address step, the address field does.
  const mounted = useRef(false);
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    if (phase === 'code') headingRef.current?.focus();
    else emailRef.current?.focus();
  }, [phase]);

  function show(found: Partial<Record<Field, string>>): boolean {
    setErrors(found);
    const first = order.find((name) => found[name]);
    if (first) ({ email: emailRef, code: codeRef, password: passwordRef })[first].current?.focus();
    return first !== undefined;
  }

  const set = (name: Field) => (event: { target: { value: string } }) => setValues((current) => ({ ...current, [name]: event.target.value }));
  const base = requestId ? { requestId } : {};

  async function requestCode(event?: FormEvent<HTMLFormElement>) {
    event?.preventDefault();
    const email = values.email.trim();
    if (show(!email ? { email: form.fieldText('required') } : !isEmailAddress(email) ? { email: form.fieldText('invalid_email') } : {})) {
      if (phase === 'code') setPhase('email');
      return;
    }
    const sent = await form.send('/identity/v1/reset-password-code', { ...base, email }, (fields) => show({ email: fields.email }), event ? 'submit' : 'send');
    if (!sent) return;
    if (phase === 'code') form.setNotice(t('resent'));
    else setPhase('code');
  }

  async function reset(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = values.code.replace(/\s+/g, '');
    const found: Partial<Record<Field, string>> = {};
    if (!/^\d{6}$/.test(code)) found.code = form.fieldText('code_format');
    if (passwordPolicyIssues(values.password).length) found.password = form.fieldText(values.password ? 'weak_password' : 'required');
    if (show(found)) return;
    await form.submit('/identity/v1/reset-password', { ...base, email: values.email.trim(), code, password: values.password }, (fields) =>
      show({ code: fields.code, password: fields.password }),
    );
  }

  if (phase === 'email') {
    return (
      <form method="post" action="/identity/v1/reset-password-code" noValidate onSubmit={requestCode} className="flex flex-col gap-5" data-testid="reset-email-form">
        <FormStatus error={form.formError} notice={form.notice} alertRef={form.alertRef} />
        <p className="text-sm text-muted-foreground text-pretty">{t('intro')}</p>
        <TextField
          ref={emailRef}
          label={t('email')}
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          required
          value={values.email}
          onChange={set('email')}
          error={errors.email}
        />
        <Button type="submit" fullWidth size="lg" loading={form.busy} loadingLabel={tCommon('loading')} disabled={!hydrated}>
          {t('sendCode')}
        </Button>
      </form>
    );
  }

  return (
    <form method="post" action="/identity/v1/reset-password" noValidate onSubmit={reset} className="flex flex-col gap-5" data-testid="reset-code-form">
      <FormStatus error={form.formError} notice={form.notice} alertRef={form.alertRef} />
      <p ref={headingRef} tabIndex={-1} className="text-sm text-muted-foreground text-pretty focus:outline-none">
        {t('codeIntro', { email: values.email.trim() })}
      </p>
      {/* Lets password managers file the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={values.email.trim()} readOnly hidden />
      <TextField
        ref={codeRef}
        label={t('code')}
        hint={t('codeHint')}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]*"
        maxLength={8}
        required
        value={values.code}
        onChange={set('code')}
        error={errors.code}
        className="font-mono text-lg tracking-[0.3em] sm:text-lg"
      />
      <PasswordField ref={passwordRef} label={t('newPassword')} name="password" autoComplete="new-password" required value={values.password} onChange={set('password')} error={errors.password} />
      <Button type="submit" fullWidth size="lg" loading={form.pending === 'submit'} loadingLabel={tCommon('loading')} disabled={!hydrated || (form.busy && form.pending !== 'submit')}>
        {t('submit')}
      </Button>
      <div className="flex flex-col gap-3">
        <Button type="button" variant="secondary" fullWidth onClick={() => requestCode()} loading={form.pending === 'send'} loadingLabel={tCommon('loading')} disabled={!hydrated || (form.busy && form.pending !== 'send')}>
          {t('resend')}
        </Button>
        <Button
          type="button"
          variant="ghost"
          fullWidth
          disabled={!hydrated || form.busy}
          onClick={() => {
            setPhase('email');
            setErrors({});
            form.setNotice(null);
            setValues((current) => ({ ...current, code: '', password: '' }));
          }}
        >
          {t('otherEmail')}
        </Button>
      </div>
    </form>
  );
}
