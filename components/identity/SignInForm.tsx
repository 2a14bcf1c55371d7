'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import * as z from 'zod/mini';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { isEmailAddress } from '@/lib/users/email';
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
  /** "Forgot password?" link under the password field (ENABLE_PASSWORD_RESET). */
  forgotPasswordHref?: string;
}

type SignInValues = { email: string; password: string };
const FIELD_ORDER = ['email', 'password'] as const;

/**
 * Email + password on one page (password managers fill both). Validates with zod, POSTs JSON, follows
 * `redirectTo` on success, shows the server's message and field errors otherwise and moves focus to
 * the first error.
 */
export function SignInForm({ requestId, action, defaultEmail = '', forgotPasswordHref }: SignInFormProps) {
  const t = useTranslations('signIn');
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const errorMessage = useErrorMessage();

  // zod/mini keeps the client island small; messages come from the catalog of the current locale.
  const schema = useMemo(
    () =>
      z.object({
        email: z
          .string()
          .check(z.trim(), z.minLength(1, { error: t('errors.required'), abort: true }))
          // Same rule as the server: self-hosted addresses such as admin@localhost are valid.
          .check(z.refine(isEmailAddress, { error: t('errors.invalidEmail') })),
        password: z.string().check(z.minLength(1, { error: t('errors.required') })),
      }),
    [t],
  );

  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<SignInValues>({
    resolver: zodResolver(schema),
    defaultValues: { email: defaultEmail, password: '' },
  });

  const [formError, setFormError] = useState<string | null>(null);
  const [navigating, setNavigating] = useState(false);
  const [focusAlert, setFocusAlert] = useState(0);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focusAlert > 0) alertRef.current?.focus();
  }, [focusAlert]);

  async function onSubmit(values: SignInValues) {
    setFormError(null);
    const result = await submitJson(action, { requestId, email: values.email, password: values.password });
    if (result.ok) {
      setNavigating(followRedirect(result.redirectTo));
      return;
    }

    let firstField: (typeof FIELD_ORDER)[number] | undefined;
    for (const name of FIELD_ORDER) {
      const message = result.fields?.[name];
      if (message) {
        setError(name, { type: 'server', message });
        firstField ??= name;
      }
    }
    // With field errors, the alert only shows a message the server sent; otherwise always one.
    const message =
      firstField && !result.message ? null : errorMessage(result.error, result.message, t('errors.generic'));
    setFormError(message);
    if (firstField) setFocus(firstField);
    else setFocusAlert((n) => n + 1);
  }

  const busy = isSubmitting || navigating;

  return (
    <form
      method="post"
      action={action}
      noValidate
      onSubmit={handleSubmit(onSubmit)}
      className="flex flex-col gap-5"
      data-testid="sign-in-form"
    >
      {formError ? (
        <Alert ref={alertRef} variant="error" tabIndex={-1}>
          {formError}
        </Alert>
      ) : null}
      <TextField
        label={t('email')}
        type="email"
        autoComplete="username"
        inputMode="email"
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        required
        error={errors.email?.message}
        {...register('email')}
      />
      <TextField
        label={t('password')}
        type="password"
        autoComplete="current-password"
        required
        error={errors.password?.message}
        {...register('password')}
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
