'use client';

import { useRef, useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { isStrongPassword } from '@/lib/users/password-policy';
import { useHydrated } from '../use-hydrated';
import { usePolicyAction } from './use-policy-action';

type Field = 'currentPassword' | 'newPassword';
const FIELDS: readonly Field[] = ['currentPassword', 'newPassword'];

/** Current password (checked again) and the new one. `email` is for password managers only. */
export function ChangePasswordForm({ requestId, email }: { requestId: string; email: string }) {
  const t = useTranslations('policies.changePassword');
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const [values, setValues] = useState<Record<Field, string>>({ currentPassword: '', newPassword: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const currentPasswordRef = useRef<HTMLInputElement>(null);
  const newPasswordRef = useRef<HTMLInputElement>(null);
  const { run, busy, formError, alertRef, errorText } = usePolicyAction('/identity/v1/policy/change-password', requestId);

  function show(found: Partial<Record<Field, string>>): boolean {
    setErrors(found);
    const first = FIELDS.find((name) => found[name]);
    if (first) ({ currentPassword: currentPasswordRef, newPassword: newPasswordRef })[first].current?.focus();
    return first !== undefined;
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!values.currentPassword) found.currentPassword = errorText('required');
    if (!values.newPassword) found.newPassword = errorText('required');
    else if (!isStrongPassword(values.newPassword)) found.newPassword = errorText('weak_password');
    else if (values.newPassword === values.currentPassword) found.newPassword = errorText('password_unchanged');
    if (show(found)) return;
    await run(values, (fields) =>
      show(Object.fromEntries(FIELDS.filter((name) => fields[name]).map((name) => [name, errorText(fields[name])]))),
    );
  }

  return (
    <form method="post" action="/identity/v1/policy/change-password" noValidate onSubmit={onSubmit} className="flex flex-col gap-5" data-testid="change-password-form">
      {formError ? (
        <Alert ref={alertRef} variant="error" tabIndex={-1}>
          {formError}
        </Alert>
      ) : null}
      {/* Lets password managers file the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        ref={currentPasswordRef}
        label={t('current')}
        type="password"
        name="currentPassword"
        autoComplete="current-password"
        required
        value={values.currentPassword}
        onChange={(event) => setValues((current) => ({ ...current, currentPassword: event.target.value }))}
        error={errors.currentPassword}
      />
      <TextField
        ref={newPasswordRef}
        label={t('new')}
        hint={t('hint')}
        type="password"
        name="newPassword"
        autoComplete="new-password"
        required
        minLength={8}
        value={values.newPassword}
        onChange={(event) => setValues((current) => ({ ...current, newPassword: event.target.value }))}
        error={errors.newPassword}
      />
      <Button type="submit" size="lg" fullWidth disabled={!hydrated} loading={busy} loadingLabel={tCommon('loading')}>
        {t('submit')}
      </Button>
    </form>
  );
}
