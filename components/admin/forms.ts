'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import type { UseMutationResult } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useForm, type DefaultValues, type FieldError, type FieldPath, type FieldValues, type Path, type UseFormReturn, type UseFormSetError } from 'react-hook-form';
import type { z } from 'zod';
import type { ApiError } from './api-client';
import { useApiMutation, type ApiMutationOptions } from './query';

/**
 * Puts the API's 400 field errors (`fields: { 'name': '…', 'locales.0.value': '…' }`) on the
 * form's fields and focuses the first. Returns whether any field took an error; if none did, the
 * caller should show the error as a toast (useApiMutation does when errorMessage returns a text).
 */
function applyApiFieldErrors<T extends FieldValues>(setError: UseFormSetError<T>, error: ApiError, known: readonly string[]): boolean {
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

/** A form's zod schema: what the form holds (input) and what submitting it gives (output). */
type FormSchema = z.ZodType<FieldValues, FieldValues>;
type FormInput<TSchema extends FormSchema> = z.input<TSchema>;
type FormOutput<TSchema extends FormSchema> = z.output<TSchema>;

export interface ApiFormOptions<TSchema extends FormSchema, TData> extends Omit<ApiMutationOptions<TData, FormOutput<TSchema>>, 'errorMessage'> {
  /** Validates the form before anything is sent: the API's own field schemas (lib/<capability>/schemas.ts). */
  schema: TSchema;
  defaultValues: DefaultValues<FormInput<TSchema>>;
  /** The fields that take the API's 400 field errors (a path or its prefix, see applyApiFieldErrors). */
  fields: readonly FieldPath<FormInput<TSchema>>[];
  /** API error codes that are about one field (e.g. a name taken), with the text shown on it. */
  fieldErrors?: Partial<Record<string, { field: FieldPath<FormInput<TSchema>>; message: string }>>;
}

export interface ApiForm<TSchema extends FormSchema, TData> {
  form: UseFormReturn<FormInput<TSchema>, unknown, FormOutput<TSchema>>;
  /** The write; its variables are the validated values. */
  mutation: UseMutationResult<TData, ApiError, FormOutput<TSchema>>;
  /** The form's onSubmit: validates, then writes. */
  onSubmit: ReturnType<UseFormReturn<FormInput<TSchema>, unknown, FormOutput<TSchema>>['handleSubmit']>;
  /** useApiMutation's errorMessage as this form uses it, for a second write from the same form. */
  errorMessage: (error: ApiError) => null | undefined;
}

/**
 * An admin form that writes to the API, wired one way everywhere: react-hook-form validated by the
 * schema (what is sent is the schema's output), a useApiMutation that toasts the result, and the
 * API's errors about a field shown on that field (the first one focused) instead of a toast. A form
 * then says only what is its own: schema, first values, fields, request. The other options are
 * useApiMutation's (request, invalidates, successMessage, onSuccess…).
 */
export function useApiForm<TSchema extends FormSchema, TData = unknown>({ schema, defaultValues, fields, fieldErrors, ...mutationOptions }: ApiFormOptions<TSchema, TData>): ApiForm<TSchema, TData> {
  const form = useForm<FormInput<TSchema>, unknown, FormOutput<TSchema>>({ resolver: zodResolver(schema), defaultValues });
  const errorMessage = (error: ApiError): null | undefined => {
    const onField = fieldErrors?.[error.code];
    if (onField) {
      form.setError(onField.field, { type: 'server', message: onField.message }, { shouldFocus: true });
      return null;
    }
    return applyApiFieldErrors(form.setError, error, fields) ? null : undefined;
  };
  const mutation = useApiMutation<TData, FormOutput<TSchema>>({ ...mutationOptions, errorMessage });
  return { form, mutation, onSubmit: form.handleSubmit((values) => mutation.mutate(values)), errorMessage };
}
