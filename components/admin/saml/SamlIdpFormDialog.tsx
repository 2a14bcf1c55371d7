'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { Button } from '@/components/ui/Button';
import { Dialog, DialogActions, DialogClose } from '@/components/ui/Dialog';
import { TextField } from '@/components/ui/TextField';
import { SwitchField, TextareaField } from '@/components/ui/fields';
import { idpAttribute, idpName, samlMetadata } from '@/lib/saml/schemas';
import type { ApiError } from '../api-client';
import { applyApiFieldErrors, useFieldErrorText } from '../forms';
import { useApiMutation } from '../query';
import type { SamlIdp } from './types';

// The API's own field schemas; an optional mapping left empty is sent as null (not mapped).
const optionalAttribute = z.union([z.literal(''), idpAttribute]);
const formSchema = z.object({
  name: idpName,
  userIdAttribute: idpAttribute,
  emailAttribute: optionalAttribute,
  firstNameAttribute: optionalAttribute,
  lastNameAttribute: optionalAttribute,
  metadata: samlMetadata,
  isActive: z.boolean(),
});
type FormValues = z.input<typeof formSchema>;
const FIELDS = ['name', 'userIdAttribute', 'emailAttribute', 'firstNameAttribute', 'lastNameAttribute', 'metadata', 'isActive'] as const;

const orNull = (value: string) => value.trim() || null;

export type SamlIdpDialogState = { mode: 'create' } | { mode: 'edit'; idp: SamlIdp } | null;

/** Create or edit a SAML IdP. The list holds whole records, so editing needs no second load. */
export function SamlIdpFormDialog({ state, onClose }: { state: SamlIdpDialogState; onClose: () => void }) {
  const t = useTranslations('adminSaml');
  const tCommon = useTranslations('admin.common');
  const editing = state?.mode === 'edit' ? state.idp : null;
  return (
    <Dialog
      open={!!state}
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={editing ? t('editTitle', { name: editing.name }) : t('createTitle')}
      description={t('formDescription')}
      closeLabel={tCommon('close')}
    >
      {state ? <SamlIdpForm key={editing?.id ?? 'create'} idp={editing ?? undefined} onDone={onClose} /> : null}
    </Dialog>
  );
}

function SamlIdpForm({ idp, onDone }: { idp?: SamlIdp; onDone: () => void }) {
  const t = useTranslations('adminSaml');
  const tCommon = useTranslations('admin.common');
  const errorText = useFieldErrorText();
  const form = useForm<FormValues>({
    resolver: zodResolver(formSchema),
    defaultValues: {
      name: idp?.name ?? '',
      userIdAttribute: idp?.userIdAttribute ?? '',
      emailAttribute: idp?.emailAttribute ?? '',
      firstNameAttribute: idp?.firstNameAttribute ?? '',
      lastNameAttribute: idp?.lastNameAttribute ?? '',
      metadata: idp?.metadata ?? '',
      isActive: idp?.isActive ?? true,
    },
  });
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors },
  } = form;

  const onApiError = (error: ApiError): null | undefined => {
    if (error.code === 'idp_name_taken') {
      setError('name', { type: 'server', message: t('nameTaken') }, { shouldFocus: true });
      return null;
    }
    return applyApiFieldErrors(setError, error, FIELDS) ? null : undefined;
  };

  const mappings = (values: FormValues) => ({
    userIdAttribute: values.userIdAttribute,
    emailAttribute: orNull(values.emailAttribute),
    firstNameAttribute: orNull(values.firstNameAttribute),
    lastNameAttribute: orNull(values.lastNameAttribute),
    metadata: values.metadata,
  });
  const create = useApiMutation<{ idp: SamlIdp }, FormValues>({
    request: (values) => ({ path: '/api/v1/saml/idps', method: 'POST', body: { name: values.name, ...mappings(values) } }),
    invalidates: ['/api/v1/saml/idps'],
    successMessage: (data) => t('created', { name: data.idp.name }),
    errorMessage: onApiError,
    onSuccess: onDone,
  });
  const update = useApiMutation<{ idp: SamlIdp }, FormValues>({
    request: (values) => ({ path: `/api/v1/saml/idps/${idp!.id}`, method: 'PUT', body: { ...mappings(values), isActive: values.isActive } }),
    invalidates: ['/api/v1/saml/idps'],
    successMessage: (data) => t('updated', { name: data.idp.name }),
    errorMessage: onApiError,
    onSuccess: onDone,
  });
  const mutation = idp ? update : create;

  return (
    <form noValidate onSubmit={handleSubmit((values) => mutation.mutate(values))} className="flex flex-col gap-4">
      <TextField
        label={t('name')}
        hint={idp ? t('nameFixed') : t('nameHint')}
        error={errorText(errors.name)}
        required
        readOnly={!!idp}
        autoComplete="off"
        spellCheck={false}
        {...register('name')}
      />
      {idp ? (
        <Controller
          control={control}
          name="isActive"
          render={({ field }) => <SwitchField label={t('active')} hint={t('activeHint')} checked={field.value} onCheckedChange={field.onChange} ref={field.ref} />}
        />
      ) : null}
      <fieldset className="flex flex-col gap-3">
        <legend className="text-sm font-medium">{t('mappings')}</legend>
        <p className="text-sm text-muted-foreground">{t('mappingsHint')}</p>
        <TextField label={t('userIdAttribute')} hint={t('userIdAttributeHint')} error={errorText(errors.userIdAttribute)} required autoComplete="off" spellCheck={false} {...register('userIdAttribute')} />
        <TextField label={t('emailAttribute')} hint={t('optionalHint')} error={errorText(errors.emailAttribute)} autoComplete="off" spellCheck={false} {...register('emailAttribute')} />
        <TextField label={t('firstNameAttribute')} hint={t('optionalHint')} error={errorText(errors.firstNameAttribute)} autoComplete="off" spellCheck={false} {...register('firstNameAttribute')} />
        <TextField label={t('lastNameAttribute')} hint={t('optionalHint')} error={errorText(errors.lastNameAttribute)} autoComplete="off" spellCheck={false} {...register('lastNameAttribute')} />
      </fieldset>
      <TextareaField
        label={t('metadata')}
        hint={t('metadataHint')}
        error={errorText(errors.metadata)}
        required
        rows={8}
        spellCheck={false}
        className="font-mono text-xs"
        {...register('metadata')}
      />
      <DialogActions>
        <DialogClose asChild>
          <Button variant="secondary">{tCommon('cancel')}</Button>
        </DialogClose>
        <Button type="submit" loading={mutation.isPending} loadingLabel={tCommon('loading')}>
          {idp ? tCommon('save') : tCommon('create')}
        </Button>
      </DialogActions>
    </form>
  );
}
