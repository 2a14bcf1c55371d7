'use client';

import { useTranslations } from 'next-intl';
import { Controller, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { Button } from '@/components/ui/Button';
import { Dialog, DialogActions, DialogClose } from '@/components/ui/Dialog';
import { TextField } from '@/components/ui/TextField';
import { CheckboxField } from '@/components/ui/fields';
import { attributeFlags, attributeName, userAttributeLocaleEntry, validationRegex } from '@/lib/user-attributes/schemas';
import { useApiForm, useFieldErrorText } from '../forms';
import type { LocaleOption, UserAttribute } from './types';

const FLAGS = ['includeInSignUpForm', 'requiredInSignUpForm', 'unique', 'includeInIdTokenBody', 'includeInUserInfo'] as const;

const formSchema = z.object({
  name: attributeName,
  labels: z.record(z.string(), userAttributeLocaleEntry.shape.value),
  validationRegex,
  messages: z.record(z.string(), userAttributeLocaleEntry.shape.value),
  ...attributeFlags,
});

const toEntries = (texts: Record<string, string>) =>
  Object.entries(texts)
    .map(([locale, value]) => ({ locale, value: value.trim() }))
    .filter((entry) => entry.value);

const byLocale = (entries: readonly { locale: string; value: string }[] | undefined, locales: readonly LocaleOption[]) =>
  Object.fromEntries(locales.map((locale) => [locale.code, entries?.find((entry) => entry.locale === locale.code)?.value ?? '']));

export type AttributeDialogState = { mode: 'create' } | { mode: 'edit'; attribute: UserAttribute } | null;

/** Create or edit a user attribute: name, labels and validation messages per language, regex and flags. */
export function AttributeFormDialog({ state, onClose, locales }: { state: AttributeDialogState; onClose: () => void; locales: readonly LocaleOption[] }) {
  const t = useTranslations('adminAttributes');
  const tCommon = useTranslations('admin.common');
  const editing = state?.mode === 'edit' ? state.attribute : undefined;
  return (
    <Dialog
      open={!!state}
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={editing ? t('editTitle', { name: editing.name }) : t('createTitle')}
      description={t('formDescription')}
      closeLabel={tCommon('close')}
      className="max-w-2xl"
    >
      {state ? <AttributeForm key={editing?.id ?? 'create'} attribute={editing} locales={locales} onDone={onClose} /> : null}
    </Dialog>
  );
}

function AttributeForm({ attribute, locales, onDone }: { attribute?: UserAttribute; locales: readonly LocaleOption[]; onDone: () => void }) {
  const t = useTranslations('adminAttributes');
  const tCommon = useTranslations('admin.common');
  const errorText = useFieldErrorText();
  const { form, mutation: save, onSubmit } = useApiForm<typeof formSchema, { userAttribute: UserAttribute }>({
    schema: formSchema,
    defaultValues: {
      name: attribute?.name ?? '',
      labels: byLocale(attribute?.locales, locales),
      validationRegex: attribute?.validationRegex ?? '',
      messages: byLocale(attribute?.validationLocales, locales),
      includeInSignUpForm: attribute?.includeInSignUpForm ?? false,
      requiredInSignUpForm: attribute?.requiredInSignUpForm ?? false,
      unique: attribute?.unique ?? false,
      includeInIdTokenBody: attribute?.includeInIdTokenBody ?? false,
      includeInUserInfo: attribute?.includeInUserInfo ?? false,
    },
    fields: ['name', 'validationRegex', ...FLAGS],
    fieldErrors: {
      user_attribute_name_taken: { field: 'name', message: t('nameTaken') },
      validation_regex_unsupported: { field: 'validationRegex', message: t('regexUnsupported') },
    },
    request: (values) => {
      const body = {
        name: values.name,
        locales: toEntries(values.labels),
        validationRegex: values.validationRegex,
        validationLocales: toEntries(values.messages),
        ...Object.fromEntries(FLAGS.map((flag) => [flag, values[flag]])),
      };
      return attribute ? { path: `/api/v1/user-attributes/${attribute.id}`, method: 'PUT', body } : { path: '/api/v1/user-attributes', method: 'POST', body };
    },
    invalidates: ['/api/v1/user-attributes'],
    successMessage: (data) => t(attribute ? 'updated' : 'created', { name: data.userAttribute.name }),
    onSuccess: onDone,
  });
  const {
    register,
    control,
    setValue,
    formState: { errors },
  } = form;
  const inSignUp = useWatch({ control, name: 'includeInSignUpForm' });

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      <TextField label={t('name')} hint={t('nameHint')} error={errorText(errors.name)} required autoComplete="off" spellCheck={false} {...register('name')} />
      <fieldset className="flex flex-col gap-3">
        <legend className="text-sm font-medium">{t('labels')}</legend>
        <p className="text-sm text-muted-foreground">{t('labelsHint')}</p>
        {locales.map((locale) => (
          <TextField key={locale.code} label={t('labelIn', { language: locale.name })} lang={locale.code} error={errorText(errors.labels?.[locale.code])} {...register(`labels.${locale.code}`)} />
        ))}
      </fieldset>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium">{t('usage')}</legend>
        <Controller
          control={control}
          name="includeInSignUpForm"
          render={({ field }) => (
            <CheckboxField
              label={t('flags.includeInSignUpForm')}
              checked={field.value}
              ref={field.ref}
              onChange={(event) => {
                field.onChange(event.target.checked);
                // the API refuses "required" without "included": clear it with its parent
                if (!event.target.checked) setValue('requiredInSignUpForm', false);
              }}
            />
          )}
        />
        <Controller
          control={control}
          name="requiredInSignUpForm"
          render={({ field }) => (
            <CheckboxField
              label={t('flags.requiredInSignUpForm')}
              hint={inSignUp ? undefined : t('requiredNeedsIncluded')}
              checked={field.value}
              disabled={!inSignUp}
              ref={field.ref}
              onChange={(event) => field.onChange(event.target.checked)}
              containerClassName="ps-6"
            />
          )}
        />
        {(['unique', 'includeInIdTokenBody', 'includeInUserInfo'] as const).map((flag) => (
          <Controller
            key={flag}
            control={control}
            name={flag}
            render={({ field }) => <CheckboxField label={t(`flags.${flag}`)} hint={t(`flagHints.${flag}`)} checked={field.value} ref={field.ref} onChange={(event) => field.onChange(event.target.checked)} />}
          />
        ))}
      </fieldset>
      <TextField label={t('validationRegex')} hint={t('validationRegexHint')} error={errorText(errors.validationRegex)} autoComplete="off" spellCheck={false} className="font-mono" {...register('validationRegex')} />
      <fieldset className="flex flex-col gap-3">
        <legend className="text-sm font-medium">{t('messages')}</legend>
        <p className="text-sm text-muted-foreground">{t('messagesHint')}</p>
        {locales.map((locale) => (
          <TextField key={locale.code} label={t('messageIn', { language: locale.name })} lang={locale.code} error={errorText(errors.messages?.[locale.code])} {...register(`messages.${locale.code}`)} />
        ))}
      </fieldset>
      <DialogActions>
        <DialogClose asChild>
          <Button variant="secondary">{tCommon('cancel')}</Button>
        </DialogClose>
        <Button type="submit" loading={save.isPending} loadingLabel={tCommon('loading')}>
          {attribute ? tCommon('save') : tCommon('create')}
        </Button>
      </DialogActions>
    </form>
  );
}
