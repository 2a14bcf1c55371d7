'use client';

import { useTranslations } from 'next-intl';
import { z } from 'zod';
import { Button } from '@/components/ui/Button';
import { Dialog, DialogActions, DialogClose } from '@/components/ui/Dialog';
import { TextField } from '@/components/ui/TextField';
import { SelectField, TextareaField } from '@/components/ui/fields';
import { ErrorState, LoadingState } from '@/components/ui/States';
import { createScopeInput, scopeLocaleEntry, scopeName } from '@/lib/scopes/schemas';
import { useApiForm, useFieldErrorText } from '../forms';
import { useApiQuery } from '../query';
import type { LocaleOption, Scope, ScopeDetail } from './types';

// The form's shape: the API's own field schemas, with one consent text per supported locale
// (an empty text is left out of `locales`).
const formSchema = z.object({
  name: scopeName,
  type: createScopeInput.shape.type,
  note: createScopeInput.shape.note,
  texts: z.record(z.string(), scopeLocaleEntry.shape.value),
});

function toLocales(texts: Record<string, string>): { locale: string; value: string }[] {
  return Object.entries(texts)
    .map(([locale, value]) => ({ locale, value: value.trim() }))
    .filter((entry) => entry.value);
}

export type ScopeDialogState = { mode: 'create' } | { mode: 'edit'; scope: Scope } | null;

/** Create or edit a scope. Editing loads the scope's consent texts first; a built-in scope keeps its name. */
export function ScopeFormDialog({ state, onClose, locales }: { state: ScopeDialogState; onClose: () => void; locales: readonly LocaleOption[] }) {
  const t = useTranslations('admin.scopesPage');
  const tCommon = useTranslations('admin.common');
  const editing = state?.mode === 'edit' ? state.scope : null;
  const detail = useApiQuery<{ scope: ScopeDetail }>(`/api/v1/scopes/${editing?.id ?? 'none'}`, undefined, { enabled: !!editing, placeholderData: undefined });

  let body;
  if (!state) body = null;
  else if (state.mode === 'create') body = <ScopeForm key="create" locales={locales} onDone={onClose} />;
  else if (detail.error) body = <ErrorState title={t('loadFailed')} message={detail.error.message} retryLabel={tCommon('retry')} onRetry={() => detail.refetch()} retrying={detail.isFetching} />;
  else if (!detail.data) {
    body = <LoadingState label={tCommon('loading')} bars={['h-10', 'h-24']} className="gap-3" />;
  } else body = <ScopeForm key={detail.data.scope.id} locales={locales} scope={detail.data.scope} onDone={onClose} />;

  return (
    <Dialog
      open={!!state}
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={editing ? t('editTitle', { name: editing.name }) : t('createTitle')}
      description={t('formDescription')}
      closeLabel={tCommon('close')}
    >
      {body}
    </Dialog>
  );
}

function ScopeForm({ scope, locales, onDone }: { scope?: ScopeDetail; locales: readonly LocaleOption[]; onDone: () => void }) {
  const t = useTranslations('admin.scopesPage');
  const tCommon = useTranslations('admin.common');
  const errorText = useFieldErrorText();
  const { form, mutation, onSubmit } = useApiForm<typeof formSchema, { scope: ScopeDetail }>({
    schema: formSchema,
    defaultValues: {
      name: scope?.name ?? '',
      type: scope?.type ?? 'spa',
      note: scope?.note ?? '',
      texts: Object.fromEntries(locales.map((locale) => [locale.code, scope?.locales.find((entry) => entry.locale === locale.code)?.value ?? ''])),
    },
    fields: ['name', 'note', 'type'],
    fieldErrors: { scope_name_taken: { field: 'name', message: t('nameTaken') } },
    request: (values) => {
      if (!scope) return { path: '/api/v1/scopes', method: 'POST', body: { name: values.name, type: values.type, note: values.note, locales: toLocales(values.texts) } };
      // a scope's type is fixed, and a built-in scope keeps its name
      return { path: `/api/v1/scopes/${scope.id}`, method: 'PUT', body: { ...(scope.isBuiltIn ? {} : { name: values.name }), note: values.note, locales: toLocales(values.texts) } };
    },
    invalidates: ['/api/v1/scopes'],
    successMessage: (data) => t(scope ? 'updated' : 'created', { name: data.scope.name }),
    onSuccess: onDone,
  });
  const {
    register,
    formState: { errors },
  } = form;

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      <TextField
        label={t('name')}
        hint={scope?.isBuiltIn ? t('builtInName') : t('nameHint')}
        error={errorText(errors.name)}
        required
        readOnly={scope?.isBuiltIn}
        autoComplete="off"
        spellCheck={false}
        {...register('name')}
      />
      {scope ? (
        <p className="text-sm">
          <span className="font-medium">{t('type')}:</span> {t(`types.${scope.type}`)}
        </p>
      ) : (
        <SelectField
          label={t('type')}
          hint={t('typeHint')}
          error={errorText(errors.type)}
          options={[
            { value: 'spa', label: t('types.spa') },
            { value: 's2s', label: t('types.s2s') },
          ]}
          {...register('type')}
        />
      )}
      <TextareaField label={t('note')} error={errorText(errors.note)} rows={2} {...register('note')} />
      <fieldset className="flex flex-col gap-3">
        <legend className="text-sm font-medium">{t('consentTexts')}</legend>
        <p className="text-sm text-muted-foreground">{t('consentTextsHint')}</p>
        {locales.map((locale) => (
          <TextareaField
            key={locale.code}
            label={t('consentTextIn', { language: locale.name })}
            lang={locale.code}
            rows={2}
            error={errorText(errors.texts?.[locale.code])}
            {...register(`texts.${locale.code}`)}
          />
        ))}
      </fieldset>
      <DialogActions>
        <DialogClose asChild>
          <Button variant="secondary">{tCommon('cancel')}</Button>
        </DialogClose>
        <Button type="submit" loading={mutation.isPending} loadingLabel={tCommon('loading')}>
          {scope ? tCommon('save') : tCommon('create')}
        </Button>
      </DialogActions>
    </form>
  );
}
