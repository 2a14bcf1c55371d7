'use client';

import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { isEmailAddress } from '@/lib/email/address';
import { passwordPolicyIssues } from '@/lib/users/password-policy';
import { FormStatus } from './FormStatus';
import { PasswordField } from './PasswordField';
import { useCredentialForm } from './use-credential-form';
import { useHydrated } from './use-hydrated';

export interface SignUpAttribute {
  id: string;
  /** In the page's language (the attribute's name when it has no label). */
  label: string;
  required: boolean;
}

export interface SignUpFormProps {
  requestId: string;
  /** POST `{ requestId, email, password, firstName?, lastName?, attributes? }` → `{ redirectTo }`. */
  action: string;
  names: 'hidden' | 'optional' | 'required';
  attributes: SignUpAttribute[];
  termsUrl?: string;
  privacyUrl?: string;
}

type Errors = Record<string, string>;

/**
 * Sign-up: email, password (with the rule and a show toggle), names and the deployment's sign-up
 * attributes. Checks what it can before posting (same rules as the server), then shows the server's
 * field errors; focus goes to the first field in error, else to the alert.
 */
export function SignUpForm({ requestId, action, names, attributes, termsUrl, privacyUrl }: SignUpFormProps) {
  const t = useTranslations('signUp');
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const form = useCredentialForm({ requestId, fallback: t('error') });
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Errors>({});
  const formRef = useRef<HTMLFormElement>(null);

  const fieldOrder = [
    'email',
    'password',
    ...(names === 'hidden' ? [] : ['firstName', 'lastName']),
    ...attributes.map((attribute) => `attributes.${attribute.id}`),
  ];

  function show(found: Errors): boolean {
    setErrors(found);
    const first = fieldOrder.find((name) => found[name]);
    if (first) formRef.current?.querySelector<HTMLInputElement>(`[name="${CSS.escape(first)}"]`)?.focus();
    return first !== undefined;
  }

  const set = (name: string) => (event: { target: { value: string } }) => setValues((current) => ({ ...current, [name]: event.target.value }));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = (values.email ?? '').trim();
    const found: Errors = {};
    if (!email) found.email = form.fieldText('required');
    else if (!isEmailAddress(email)) found.email = form.fieldText('invalid_email');
    if (passwordPolicyIssues(values.password ?? '').length) found.password = form.fieldText(values.password ? 'weak_password' : 'required');
    if (names === 'required') {
      if (!values.firstName?.trim()) found.firstName = form.fieldText('required');
      if (!values.lastName?.trim()) found.lastName = form.fieldText('required');
    }
    for (const attribute of attributes) {
      if (attribute.required && !values[`attributes.${attribute.id}`]?.trim()) found[`attributes.${attribute.id}`] = form.fieldText('required');
    }
    if (show(found)) return;
    await form.submit(
      action,
      {
        requestId,
        email,
        password: values.password ?? '',
        ...(names === 'hidden' ? {} : { firstName: values.firstName ?? '', lastName: values.lastName ?? '' }),
        ...(attributes.length
          ? { attributes: Object.fromEntries(attributes.map((attribute) => [attribute.id, values[`attributes.${attribute.id}`] ?? ''])) }
          : {}),
      },
      show,
    );
  }

  const agreement = agreementText(t, termsUrl, privacyUrl);

  return (
    <form ref={formRef} method="post" action={action} noValidate onSubmit={onSubmit} className="flex flex-col gap-5" data-testid="sign-up-form">
      <FormStatus error={form.formError} notice={form.notice} alertRef={form.alertRef} />
      <TextField
        label={t('email')}
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        required
        value={values.email ?? ''}
        onChange={set('email')}
        error={errors.email}
      />
      <PasswordField label={t('password')} name="password" autoComplete="new-password" required value={values.password ?? ''} onChange={set('password')} error={errors.password} />
      {names === 'hidden' ? null : (
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            label={t('firstName')}
            name="firstName"
            autoComplete="given-name"
            maxLength={100}
            required={names === 'required'}
            value={values.firstName ?? ''}
            onChange={set('firstName')}
            error={errors.firstName}
          />
          <TextField
            label={t('lastName')}
            name="lastName"
            autoComplete="family-name"
            maxLength={100}
            required={names === 'required'}
            value={values.lastName ?? ''}
            onChange={set('lastName')}
            error={errors.lastName}
          />
        </div>
      )}
      {attributes.map((attribute) => {
        const name = `attributes.${attribute.id}`;
        return (
          <TextField
            key={attribute.id}
            label={attribute.label}
            name={name}
            maxLength={500}
            required={attribute.required}
            value={values[name] ?? ''}
            onChange={set(name)}
            error={errors[name]}
          />
        );
      })}
      {agreement ? <p className="text-sm text-muted-foreground text-pretty">{agreement}</p> : null}
      <Button type="submit" fullWidth size="lg" loading={form.busy} loadingLabel={tCommon('loading')} disabled={!hydrated}>
        {t('submit')}
      </Button>
    </form>
  );
}

function agreementText(t: ReturnType<typeof useTranslations<'signUp'>>, termsUrl?: string, privacyUrl?: string): ReactNode {
  const link = (href: string) =>
    function Link(chunks: ReactNode) {
      return (
        <a href={href} target="_blank" rel="noopener noreferrer" className="font-medium text-brand underline underline-offset-4">
          {chunks}
        </a>
      );
    };
  if (termsUrl && privacyUrl) return t.rich('agreeBoth', { terms: link(termsUrl), privacy: link(privacyUrl) });
  if (termsUrl) return t.rich('agreeTerms', { terms: link(termsUrl) });
  if (privacyUrl) return t.rich('agreePrivacy', { privacy: link(privacyUrl) });
  return null;
}
