'use client';

import { useTranslations } from 'next-intl';
import { Controller } from 'react-hook-form';
import { z } from 'zod';
import { Button } from '@/components/ui/Button';
import { Dialog, DialogActions, DialogClose } from '@/components/ui/Dialog';
import { TextField } from '@/components/ui/TextField';
import { SwitchField, TextareaField } from '@/components/ui/fields';
import { idpAttribute, idpName, samlMetadata } from '@/lib/saml/schemas';
import { useApiForm, useFieldErrorText } from '../forms';
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
  const { form, mutation, onSubmit } = useApiForm<typeof formSchema, { idp: SamlIdp }>({
    schema: formSchema,
    defaultValues: {
      name: idp?.name ?? '',
      userIdAttribute: idp?.userIdAttribute ?? '',
      emailAttribute: idp?.emailAttribute ?? '',
      firstNameAttribute: idp?.firstNameAttribute ?? '',
      lastNameAttribute: idp?.lastNameAttribute ?? '',
      metadata: idp?.metadata ?? '',
      isActive: idp?.isActive ?? true,
    },
    fields: FIELDS,
    fieldErrors: { idp_name_taken: { field: 'name', message: t('nameTaken') } },
    request: (values) => {
      const mappings = {
        userIdAttribute: values.userIdAttribute,
        emailAttribute: orNull(values.emailAttribute),
        firstNameAttribute: orNull(values.firstNameAttribute),
        lastNameAttribute: orNull(values.lastNameAttribute),
        metadata: values.metadata,
      };
      // the name is fixed once created, and the status is set on the edit form only
      return idp
        ? { path: `/api/v1/saml/idps/${idp.id}`, method: 'PUT', body: { ...mappings, isActive: values.isActive } }
        : { path: '/api/v1/saml/idps', method: 'POST', body: { name: values.name, ...mappings } };
    },
    invalidates: ['/api/v1/saml/idps'],
    successMessage: (data) => t(idp ? 'updated' : 'created', { name: data.idp.name }),
    onSuccess: onDone,
  });
  const {
    register,
    control,
    formState: { errors },
  } = form;

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
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
