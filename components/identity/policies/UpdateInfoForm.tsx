'use client';

import { useRef, useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { useHydrated } from '../use-hydrated';
import { usePolicyAction } from './use-policy-action';

export interface UpdateInfoFormProps {
  requestId: string;
  firstName: string;
  lastName: string;
  namesRequired: boolean;
}

type Field = 'firstName' | 'lastName';

/** First and last name (ENABLE_NAMES; required with NAMES_IS_REQUIRED). */
export function UpdateInfoForm({ requestId, firstName, lastName, namesRequired }: UpdateInfoFormProps) {
  const t = useTranslations('policies.updateInfo');
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const [values, setValues] = useState<Record<Field, string>>({ firstName, lastName });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const refs = { firstName: useRef<HTMLInputElement>(null), lastName: useRef<HTMLInputElement>(null) };
  const { run, busy, formError, alertRef, errorText } = usePolicyAction('/identity/v1/policy/update-info', requestId);

  function show(found: Partial<Record<Field, string>>): boolean {
    setErrors(found);
    const first = (['firstName', 'lastName'] as const).find((name) => found[name]);
    if (first) refs[first].current?.focus();
    return first !== undefined;
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing: Partial<Record<Field, string>> = {};
    if (namesRequired) for (const name of ['firstName', 'lastName'] as const) if (!values[name].trim()) missing[name] = errorText('required');
    if (show(missing)) return;
    await run({ firstName: values.firstName.trim(), lastName: values.lastName.trim() }, (fields) =>
      show(Object.fromEntries(Object.entries(fields).filter(([name]) => name === 'firstName' || name === 'lastName').map(([name, code]) => [name, errorText(code)]))),
    );
  }

  return (
    <form method="post" action="/identity/v1/policy/update-info" noValidate onSubmit={onSubmit} className="flex flex-col gap-5" data-testid="update-info-form">
      {formError ? (
        <Alert ref={alertRef} variant="error" tabIndex={-1}>
          {formError}
        </Alert>
      ) : null}
      {(['firstName', 'lastName'] as const).map((name) => (
        <TextField
          key={name}
          ref={refs[name]}
          label={t(name)}
          name={name}
          autoComplete={name === 'firstName' ? 'given-name' : 'family-name'}
          maxLength={100}
          required={namesRequired}
          value={values[name]}
          onChange={(event) => setValues((current) => ({ ...current, [name]: event.target.value }))}
          error={errors[name]}
        />
      ))}
      <Button type="submit" size="lg" fullWidth disabled={!hydrated} loading={busy} loadingLabel={tCommon('loading')}>
        {t('submit')}
      </Button>
    </form>
  );
}
