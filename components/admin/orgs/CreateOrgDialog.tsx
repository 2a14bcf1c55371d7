'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Controller } from 'react-hook-form';
import { Button } from '@/components/ui/Button';
import { Dialog, DialogActions, DialogClose } from '@/components/ui/Dialog';
import { TextField } from '@/components/ui/TextField';
import { SwitchField } from '@/components/ui/fields';
import { useApiForm, useFieldErrorText } from '../forms';
import { orgFormSchema, useOrgFormErrors } from './org-form';
import { ORGS_PATH, type Org } from './types';

/** Create an org (name, slug, flags), then open it to set its branding. */
export function CreateOrgDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations('adminOrgs');
  const tCommon = useTranslations('admin.common');
  return (
    <Dialog open={open} onOpenChange={(next) => (next ? undefined : onClose())} title={t('createTitle')} description={t('createDescription')} closeLabel={tCommon('close')}>
      {open ? <CreateOrgForm onDone={onClose} /> : null}
    </Dialog>
  );
}

function CreateOrgForm({ onDone }: { onDone: () => void }) {
  const t = useTranslations('adminOrgs');
  const tCommon = useTranslations('admin.common');
  const router = useRouter();
  const errorText = useFieldErrorText();
  const { form, mutation: create, onSubmit } = useApiForm<typeof orgFormSchema, { org: Org }>({
    schema: orgFormSchema,
    defaultValues: { name: '', slug: '', allowPublicRegistration: true, onlyUseForBrandingOverride: false },
    ...useOrgFormErrors(),
    request: (values) => ({ path: ORGS_PATH, method: 'POST', body: values }),
    invalidates: [ORGS_PATH],
    successMessage: (data) => t('created', { name: data.org.name }),
    onSuccess: (data) => {
      onDone();
      router.push(`/admin/orgs/${data.org.id}`);
    },
  });
  const {
    register,
    control,
    formState: { errors },
  } = form;

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      <TextField label={t('name')} error={errorText(errors.name)} required autoComplete="off" {...register('name')} />
      <TextField label={t('slug')} hint={t('slugHint')} error={errorText(errors.slug)} required autoComplete="off" spellCheck={false} {...register('slug')} />
      <Controller
        control={control}
        name="allowPublicRegistration"
        render={({ field }) => (
          <SwitchField label={t('allowPublicRegistration')} hint={t('allowPublicRegistrationHint')} checked={!!field.value} onCheckedChange={field.onChange} ref={field.ref} />
        )}
      />
      <Controller
        control={control}
        name="onlyUseForBrandingOverride"
        render={({ field }) => (
          <SwitchField label={t('onlyUseForBrandingOverride')} hint={t('onlyUseForBrandingOverrideHint')} checked={!!field.value} onCheckedChange={field.onChange} ref={field.ref} />
        )}
      />
      <DialogActions>
        <DialogClose asChild>
          <Button variant="secondary">{tCommon('cancel')}</Button>
        </DialogClose>
        <Button type="submit" loading={create.isPending} loadingLabel={tCommon('loading')}>
          {tCommon('create')}
        </Button>
      </DialogActions>
    </form>
  );
}
