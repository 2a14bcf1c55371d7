'use client';

import { useRef, useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { useHydrated } from '../use-hydrated';
import { usePolicyAction } from './use-policy-action';

export interface EditableAttribute {
  id: string;
  /** In the page's language (the attribute's name without a label). */
  label: string;
  required: boolean;
  value: string;
}

export interface UpdateInfoFormProps {
  requestId: string;
  /** ENABLE_NAMES */
  names: boolean;
  firstName: string;
  lastName: string;
  namesRequired: boolean;
  /** ENABLE_USER_ATTRIBUTE: every attribute, with the user's value. */
  attributes: EditableAttribute[];
}

/**
 * First and last name (ENABLE_NAMES; required with NAMES_IS_REQUIRED) and the user attributes
 * (ENABLE_USER_ATTRIBUTE). Field errors come back as codes (translated here) or, for an attribute's
 * format, as the deployer's own message (shown as is).
 */
export function UpdateInfoForm({ requestId, names, firstName, lastName, namesRequired, attributes }: UpdateInfoFormProps) {
  const t = useTranslations('policies.updateInfo');
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const fields = [
    ...(names
      ? [
          { key: 'firstName', label: t('firstName'), required: namesRequired, autoComplete: 'given-name', initial: firstName },
          { key: 'lastName', label: t('lastName'), required: namesRequired, autoComplete: 'family-name', initial: lastName },
        ]
      : []),
    ...attributes.map((attribute) => ({ key: `attributes.${attribute.id}`, label: attribute.label, required: attribute.required, autoComplete: 'off', initial: attribute.value })),
  ];
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((field) => [field.key, field.initial])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const refs = useRef<Record<string, HTMLInputElement | null>>({});
  const { run, busy, formError, alertRef, errorText } = usePolicyAction('/identity/v1/policy/update-info', requestId);
  // Codes are translated; anything else is an attribute's own validation message.
  const fieldText = (value: string) => (/^[a-z_]+$/.test(value) ? errorText(value) : value);

  function show(found: Record<string, string>): boolean {
    setErrors(found);
    const first = fields.find((field) => found[field.key]);
    if (first) refs.current[first.key]?.focus();
    return first !== undefined;
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing: Record<string, string> = {};
    for (const field of fields) if (field.required && !values[field.key]?.trim()) missing[field.key] = errorText('required');
    if (show(missing)) return;
    const body: Record<string, unknown> = {};
    if (names) Object.assign(body, { firstName: values.firstName?.trim() ?? '', lastName: values.lastName?.trim() ?? '' });
    if (attributes.length) body.attributes = Object.fromEntries(attributes.map((attribute) => [attribute.id, values[`attributes.${attribute.id}`]?.trim() ?? '']));
    await run(body, (returned) =>
      show(Object.fromEntries(fields.filter((field) => returned[field.key]).map((field) => [field.key, fieldText(returned[field.key]!)]))),
    );
  }

  return (
    <form method="post" action="/identity/v1/policy/update-info" noValidate onSubmit={onSubmit} className="flex flex-col gap-5" data-testid="update-info-form">
      {formError ? (
        <Alert ref={alertRef} variant="error" tabIndex={-1}>
          {formError}
        </Alert>
      ) : null}
      {fields.map((field) => (
        <TextField
          key={field.key}
          ref={(element) => {
            refs.current[field.key] = element;
          }}
          label={field.label}
          name={field.key}
          autoComplete={field.autoComplete}
          maxLength={field.key.startsWith('attributes.') ? 500 : 100}
          required={field.required}
          value={values[field.key] ?? ''}
          onChange={(event) => setValues((current) => ({ ...current, [field.key]: event.target.value }))}
          error={errors[field.key]}
        />
      ))}
      <Button type="submit" size="lg" fullWidth disabled={!hydrated} loading={busy} loadingLabel={tCommon('loading')}>
        {t('submit')}
      </Button>
    </form>
  );
}
