'use client';

import { useTranslations } from 'next-intl';
import type { FieldError, FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { ApiError } from './api-client';

/**
 * Puts the API's 400 field errors (`fields: { 'name': '…', 'locales.0.value': '…' }`) on the
 * form's fields and focuses the first. Returns whether any field took an error; if none did, the
 * caller should show the error as a toast (useApiMutation does when errorMessage returns a text).
 */
export function applyApiFieldErrors<T extends FieldValues>(setError: UseFormSetError<T>, error: ApiError, known: readonly string[]): boolean {
  let first = true;
  let applied = false;
  for (const [path, message] of Object.entries(error.fields)) {
    if (!known.some((name) => path === name || path.startsWith(`${name}.`))) continue;
    setError(path as Path<T>, { type: 'server', message }, { shouldFocus: first });
    first = false;
    applied = true;
  }
  return applied;
}

const VALIDATION_CODES = ['too_small', 'too_big', 'invalid_format', 'invalid_type', 'invalid_value'] as const;

/**
 * The text of a field's error in the admin's language: a server message as sent, a zod check by
 * its issue code (admin.validation.<code>: the API's schemas carry English messages), anything
 * else by its own message.
 */
export function useFieldErrorText(): (error: FieldError | undefined) => string | undefined {
  const t = useTranslations('admin.validation');
  return (error) => {
    if (!error) return undefined;
    if (error.type !== 'server' && (VALIDATION_CODES as readonly string[]).includes(String(error.type))) return t(error.type as (typeof VALIDATION_CODES)[number]);
    return error.message || t('invalid_value');
  };
}
