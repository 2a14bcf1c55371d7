'use client';

import { useRef, useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { Button, buttonClasses } from '@/components/ui/Button';
import { passwordPolicyIssues } from '@/lib/users/password-policy';
import { FormStatus } from './FormStatus';
import { PasswordField } from './PasswordField';
import { useCredentialForm } from './use-credential-form';
import { useHydrated } from './use-hydrated';

export interface AcceptInvitationFormProps {
  token: string;
  email: string;
  /** POST `{ token, password }` → `{ signinUrl }`. */
  action: string;
}

/** Sets the invited account's password; then says it is ready and links to the inviter's sign-in URL. */
export function AcceptInvitationForm({ token, email, action }: AcceptInvitationFormProps) {
  const t = useTranslations('invitation');
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const form = useCredentialForm({ fallback: t('error') });
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ signinUrl: string | null } | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);

  function showFieldError(message: string) {
    setError(message);
    inputRef.current?.focus();
    return true;
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (passwordPolicyIssues(password).length) return void showFieldError(form.fieldText(password ? 'weak_password' : 'required'));
    setError(null);
    const data = await form.send(action, { token, password }, (fields) => (fields.password ? showFieldError(fields.password) : false), 'submit');
    if (!data) return;
    setDone({ signinUrl: typeof data.signinUrl === 'string' && /^https?:\/\//.test(data.signinUrl) ? data.signinUrl : null });
    requestAnimationFrame(() => doneRef.current?.focus());
  }

  if (done) {
    return (
      <div ref={doneRef} tabIndex={-1} className="flex flex-col gap-5 focus:outline-none" data-testid="invitation-done">
        <h2 className="text-center text-lg font-semibold">{t('doneTitle')}</h2>
        <p role="status" className="text-center text-sm text-pretty text-muted-foreground">
          {t('done')}
        </p>
        {done.signinUrl ? (
          <a href={done.signinUrl} className={buttonClasses({ fullWidth: true, size: 'lg' })}>
            {t('continue')}
          </a>
        ) : null}
      </div>
    );
  }

  return (
    <form method="post" action={action} noValidate onSubmit={onSubmit} className="flex flex-col gap-5" data-testid="accept-invitation-form">
      <FormStatus error={form.formError} notice={form.notice} alertRef={form.alertRef} />
      <p className="text-sm text-muted-foreground text-pretty">{t('intro', { email })}</p>
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <PasswordField ref={inputRef} label={t('password')} name="password" autoComplete="new-password" required value={password} onChange={(event) => setPassword(event.target.value)} error={error ?? undefined} />
      <Button type="submit" fullWidth size="lg" loading={form.busy} loadingLabel={tCommon('loading')} disabled={!hydrated}>
        {t('submit')}
      </Button>
    </form>
  );
}
