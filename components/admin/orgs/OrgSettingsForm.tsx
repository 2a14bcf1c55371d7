'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { Controller, useWatch } from 'react-hook-form';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { SwitchField } from '@/components/ui/fields';
import { ORG_BRANDING_FIELDS, type OrgBrandingInput } from '@/lib/orgs/branding';
import { brandingPreviewPath } from '@/lib/orgs/preview';
import { useCan } from '../AdminProviders';
import { useApiForm, useFieldErrorText } from '../forms';
import { orgFormSchema, useOrgFormErrors, type OrgFormValues } from './org-form';
import { orgPath, ORGS_PATH, type Org } from './types';

type BrandingField = keyof OrgBrandingInput;

const URL_FIELDS = new Set<BrandingField>(['companyLogoUrl', 'companyEmailLogoUrl', 'fontUrl', 'termsLink', 'privacyPolicyLink']);
const PREVIEW_DELAY_MS = 400;

function formValues(org: Org): OrgFormValues {
  return {
    name: org.name,
    slug: org.slug,
    allowPublicRegistration: org.allowPublicRegistration,
    onlyUseForBrandingOverride: org.onlyUseForBrandingOverride,
    ...Object.fromEntries(ORG_BRANDING_FIELDS.map((field) => [field, org[field]])),
  };
}

/** The preview URL of the form's current values, following them after a short pause in typing. */
function usePreviewPath(values: OrgFormValues): string {
  const path = brandingPreviewPath({ name: values.name, ...Object.fromEntries(ORG_BRANDING_FIELDS.map((field) => [field, values[field]])) });
  const [settled, setSettled] = useState(path);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(path), PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [path]);
  return settled;
}

/**
 * An org's name, slug, flags and branding, validated with the API's schema, beside a live preview
 * of the hosted sign-in page with the draft values (an iframe on /admin/branding-preview, which
 * applies the hosted pages' own guards). Without write_org the fields are read-only.
 */
export function OrgSettingsForm({ org }: { org: Org }) {
  const t = useTranslations('adminOrgs');
  const tCommon = useTranslations('admin.common');
  const canWrite = useCan('write_org');
  const errorText = useFieldErrorText();
  const { form, mutation: update, onSubmit } = useApiForm<typeof orgFormSchema, { org: Org }>({
    schema: orgFormSchema,
    defaultValues: formValues(org),
    ...useOrgFormErrors(),
    request: (body) => ({ path: orgPath(org.id), method: 'PUT', body }),
    invalidates: [ORGS_PATH],
    successMessage: (data) => t('updated', { name: data.org.name }),
    onSuccess: (data) => {
      form.reset(formValues(data.org));
    },
  });
  const {
    register,
    control,
    reset,
    formState: { errors, isDirty },
  } = form;
  const values = useWatch({ control }) as OrgFormValues;
  const previewPath = usePreviewPath(values);

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <form noValidate onSubmit={onSubmit} className="flex min-w-0 flex-col gap-4">
        <fieldset disabled={!canWrite} className="flex min-w-0 flex-col gap-4">
          <TextField label={t('name')} error={errorText(errors.name)} required autoComplete="off" {...register('name')} />
          <TextField label={t('slug')} hint={t('slugHint')} error={errorText(errors.slug)} required autoComplete="off" spellCheck={false} {...register('slug')} />
          <Controller
            control={control}
            name="allowPublicRegistration"
            render={({ field }) => (
              <SwitchField label={t('allowPublicRegistration')} hint={t('allowPublicRegistrationHint')} checked={!!field.value} onCheckedChange={field.onChange} ref={field.ref} disabled={!canWrite} />
            )}
          />
          <Controller
            control={control}
            name="onlyUseForBrandingOverride"
            render={({ field }) => (
              <SwitchField label={t('onlyUseForBrandingOverride')} hint={t('onlyUseForBrandingOverrideHint')} checked={!!field.value} onCheckedChange={field.onChange} ref={field.ref} disabled={!canWrite} />
            )}
          />
        </fieldset>
        <fieldset disabled={!canWrite} className="flex min-w-0 flex-col gap-4">
          <legend className="mb-1 text-base font-semibold">{t('branding')}</legend>
          <p className="text-sm text-muted-foreground">{t('brandingHint')}</p>
          <div className="grid gap-4 sm:grid-cols-2">
            {ORG_BRANDING_FIELDS.map((field) => (
              <TextField
                key={field}
                label={t(field)}
                hint={field === 'fontUrl' ? t('fontUrlHint') : undefined}
                error={errorText(errors[field])}
                type={URL_FIELDS.has(field) ? 'url' : 'text'}
                autoComplete="off"
                spellCheck={false}
                containerClassName={URL_FIELDS.has(field) || field === 'fontFamily' ? 'sm:col-span-2' : undefined}
                {...register(field)}
              />
            ))}
          </div>
        </fieldset>
        {canWrite ? (
          <div className="flex justify-end gap-2">
            <Button variant="secondary" disabled={!isDirty || update.isPending} onClick={() => reset(formValues(org))}>
              {tCommon('cancel')}
            </Button>
            <Button type="submit" loading={update.isPending} loadingLabel={tCommon('loading')}>
              {tCommon('save')}
            </Button>
          </div>
        ) : null}
      </form>
      <section aria-labelledby="org-preview-heading" className="flex min-w-0 flex-col gap-2 lg:sticky lg:top-4 lg:self-start">
        <h2 id="org-preview-heading" className="text-base font-semibold">
          {t('preview')}
        </h2>
        <p className="text-sm text-muted-foreground">{t('previewHint')}</p>
        <iframe
          src={previewPath}
          title={t('previewTitle')}
          data-testid="org-branding-preview"
          className="h-[40rem] w-full rounded-lg border border-border bg-background"
        />
      </section>
    </div>
  );
}
