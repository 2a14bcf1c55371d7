'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { isEmailAddress } from '@/lib/email/address';
import { followRedirect, submitJson } from './submit-json';
import { useErrorMessage } from './use-error-message';
import { useHydrated } from './use-hydrated';

export interface SignInFormProps {
  /** Id of the in-progress authorization request; sent back with the credentials. */
  requestId: string;
  /** URL the form POSTs `{ requestId, email, password }` to, as JSON. */
  action: string;
  /** Pre-filled email (e.g. from login_hint). */
  defaultEmail?: string;
  /** "Forgot password?" link under the password field (ENABLE_PASSWORD_RESET, base policy only). */
  forgotPasswordHref?: string;
  /** Offer passkeys in the email field's autofill (PasskeySignIn makes the conditional request). */
  passkeyAutofill?: boolean;
}

const FIELD_ORDER = ['email', 'password'] as const;
type FieldName = (typeof FIELD_ORDER)[number];
type FieldErrors = Partial<Record<FieldName, string>>;

/**
 * Email + password on one page (password managers fill both: uncontrolled inputs with the right
 * autocomplete tokens). Checks the two fields by hand instead of react-hook-form + zod, which were
 * most of this page's JavaScript (the sign-in page has a 150 KB budget, e2e/budget.spec.ts); the
 * server validates again. POSTs JSON, follows `redirectTo` on success, shows the server's message
 * and field errors otherwise and moves focus to the first error.
 */
export function SignInForm({ requestId, action, defaultEmail = '', forgotPasswordHref, passkeyAutofill = false }: SignInFormProps) {
  const t = useTranslations('signIn');
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const errorMessage = useErrorMessage();

  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [navigating, setNavigating] = useState(false);
  const [focusAlert, setFocusAlert] = useState(0);
  const alertRef = useRef<HTMLDivElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (focusAlert > 0) alertRef.current?.focus();
  }, [focusAlert]);

  /** Shows the field errors; returns whether there were any (focus is on the first one then). */
  function showFieldErrors(next: FieldErrors): boolean {
    setErrors(next);
    const first = FIELD_ORDER.find((name) => next[name]);
    if (first) ({ email: emailRef, password: passwordRef })[first].current?.focus();
    return first !== undefined;
  }

  function validate(email: string, password: string): FieldErrors {
    return {
      // Same email rule as the server: self-hosted addresses such as admin@localhost are valid.
      email: !email ? t('errors.required') : isEmailAddress(email) ? undefined : t('errors.invalidEmail'),
      password: password ? undefined : t('errors.required'),
    };
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting || navigating) return;
    const data = new FormData(event.currentTarget);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    setFormError(null);
    if (showFieldErrors(validate(email, password))) return;

    setSubmitting(true);
    const result = await submitJson(action, { requestId, email, password });
    setSubmitting(false);
    if (result.ok) {
      setNavigating(followRedirect(result.redirectTo));
      return;
    }
    const hasFieldErrors = showFieldErrors({ email: result.fields?.email, password: result.fields?.password });
    // With field errors, the alert only shows a message the server sent; otherwise always one.
    setFormError(hasFieldErrors && !result.message ? null : errorMessage(result.error, result.message, t('errors.generic')));
    if (!hasFieldErrors) setFocusAlert((n) => n + 1);
  }

  const busy = submitting || navigating;

  return (
    <form method="post" action={action} noValidate onSubmit={onSubmit} className="flex flex-col gap-5" data-testid="sign-in-form">
      {formError ? (
        <Alert ref={alertRef} variant="error" tabIndex={-1}>
          {formError}
        </Alert>
      ) : null}
      <TextField
        ref={emailRef}
        label={t('email')}
        name="email"
        type="email"
        autoComplete={passkeyAutofill ? 'username webauthn' : 'username'}
        inputMode="email"
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        required
        defaultValue={defaultEmail}
        error={errors.email}
      />
      <TextField
        ref={passwordRef}
        label={t('password')}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={errors.password}
      />
      {forgotPasswordHref ? (
        <a href={forgotPasswordHref} className="-mt-3 self-end rounded-sm text-sm font-medium text-brand underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring">
          {t('forgotPassword')}
        </a>
      ) : null}
      <Button type="submit" fullWidth size="lg" loading={busy} loadingLabel={tCommon('loading')} disabled={!hydrated}>
        {t('submit')}
      </Button>
    </form>
  );
}
