'use client';

import { useTranslations } from 'next-intl';
import { Controller } from 'react-hook-form';
import { z } from 'zod';
import { Button } from '@/components/ui/Button';
import { Dialog, DialogActions, DialogClose } from '@/components/ui/Dialog';
import { CheckboxField, SelectField, SwitchField, TextareaField } from '@/components/ui/fields';
import { ErrorState, Skeleton } from '@/components/ui/States';
import { bannerLocaleEntry, bannerText, bannerType } from '@/lib/banners/schemas';
import { useApiForm, useFieldErrorText } from '../forms';
import { useApiMutation, useApiQuery } from '../query';
import type { Banner, BannerApp, LocaleOption } from './types';

const BANNERS_PATH = '/api/v1/app-banners';
const TYPES = bannerType.options;

// The API's field schemas; the default text is required here so that every page language has a
// text to fall back to (the API accepts an empty one, Melody's default).
const formSchema = z.object({
  type: bannerType,
  text: bannerText.min(1),
  texts: z.record(z.string(), bannerLocaleEntry.shape.value),
  isActive: z.boolean(),
  appIds: z.array(z.string()),
});

function toLocales(texts: Record<string, string>) {
  return Object.entries(texts)
    .map(([locale, value]) => ({ locale, value: value.trim() }))
    .filter((entry) => entry.value);
}

export type BannerDialogState = { mode: 'create' } | { mode: 'edit'; banner: Banner } | null;

/** Create or edit a banner: type, default text, a text per language, status and the apps showing it. */
export function BannerFormDialog({ state, onClose, locales }: { state: BannerDialogState; onClose: () => void; locales: readonly LocaleOption[] }) {
  const t = useTranslations('adminBanners');
  const tCommon = useTranslations('admin.common');
  const editing = state?.mode === 'edit' ? state.banner : undefined;
  return (
    <Dialog
      open={!!state}
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={editing ? t('editTitle') : t('createTitle')}
      description={t('formDescription')}
      closeLabel={tCommon('close')}
      className="max-w-2xl"
    >
      {state ? <BannerForm key={editing?.id ?? 'create'} banner={editing} locales={locales} onDone={onClose} /> : null}
    </Dialog>
  );
}

function BannerForm({ banner, locales, onDone }: { banner?: Banner; locales: readonly LocaleOption[]; onDone: () => void }) {
  const t = useTranslations('adminBanners');
  const tCommon = useTranslations('admin.common');
  const errorText = useFieldErrorText();
  const apps = useApiQuery<{ apps: BannerApp[] }>('/api/v1/apps');
  const { form, mutation: save, onSubmit, errorMessage } = useApiForm<typeof formSchema, { appBanner: Banner }>({
    schema: formSchema,
    defaultValues: {
      type: banner?.type ?? 'info',
      text: banner?.text ?? '',
      texts: Object.fromEntries(locales.map((locale) => [locale.code, banner?.locales.find((entry) => entry.locale === locale.code)?.value ?? ''])),
      isActive: banner?.isActive ?? true,
      appIds: banner?.appIds ?? [],
    },
    fields: ['type', 'text', 'appIds'],
    request: (values) => {
      const content = { type: values.type, text: values.text, locales: toLocales(values.texts) };
      return banner
        ? { path: `${BANNERS_PATH}/${banner.id}`, method: 'PUT', body: { ...content, appIds: values.appIds, isActive: values.isActive } }
        : { path: BANNERS_PATH, method: 'POST', body: content };
    },
    invalidates: [BANNERS_PATH],
    successMessage: banner ? t('updated') : t('created'),
    // The API creates a banner active and unlinked; status and apps are set in a second call.
    onSuccess: (data, values) => {
      if (banner || (values.isActive && !values.appIds.length)) onDone();
      else setStatusAndApps.mutate({ id: data.appBanner.id, isActive: values.isActive, appIds: values.appIds });
    },
  });
  // A new banner's status and apps, without a toast of its own: the create's says it all.
  const setStatusAndApps = useApiMutation<{ appBanner: Banner }, { id: string; isActive: boolean; appIds: string[] }>({
    request: ({ id, isActive, appIds }) => ({ path: `${BANNERS_PATH}/${id}`, method: 'PUT', body: { appIds, isActive } }),
    invalidates: [BANNERS_PATH],
    errorMessage,
    onSuccess: onDone,
  });
  const {
    register,
    control,
    formState: { errors },
  } = form;
  const pending = save.isPending || setStatusAndApps.isPending;

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      <SelectField label={t('type')} error={errorText(errors.type)} options={TYPES.map((type) => ({ value: type, label: t(`types.${type}`) }))} {...register('type')} />
      <TextareaField label={t('defaultText')} hint={t('defaultTextHint')} error={errorText(errors.text)} required rows={2} {...register('text')} />
      <fieldset className="flex flex-col gap-3">
        <legend className="text-sm font-medium">{t('texts')}</legend>
        <p className="text-sm text-muted-foreground">{t('textsHint')}</p>
        {locales.map((locale) => (
          <TextareaField key={locale.code} label={t('textIn', { language: locale.name })} lang={locale.code} rows={2} error={errorText(errors.texts?.[locale.code])} {...register(`texts.${locale.code}`)} />
        ))}
      </fieldset>
      <Controller
        control={control}
        name="isActive"
        render={({ field }) => <SwitchField label={t('active')} hint={t('activeHint')} checked={field.value} onCheckedChange={field.onChange} ref={field.ref} />}
      />
      <Controller
          control={control}
          name="appIds"
          render={({ field }) => (
            <fieldset className="flex flex-col gap-2">
              <legend className="text-sm font-medium">{t('apps')}</legend>
              <p className="text-sm text-muted-foreground">{t('appsHint')}</p>
              {apps.error ? <ErrorState title={t('appsLoadFailed')} message={apps.error.message} retryLabel={tCommon('retry')} onRetry={() => apps.refetch()} retrying={apps.isFetching} /> : null}
              {apps.isLoading ? <Skeleton className="h-16" /> : null}
              <div className="grid gap-2 sm:grid-cols-2">
                {(apps.data?.apps ?? [])
                  .filter((app) => app.type === 'spa')
                  .map((app) => (
                    <CheckboxField
                      key={app.id}
                      label={app.name}
                      checked={(field.value ?? []).includes(app.id)}
                      onChange={(event) => field.onChange(event.target.checked ? [...(field.value ?? []), app.id] : (field.value ?? []).filter((id) => id !== app.id))}
                    />
                  ))}
              </div>
            </fieldset>
          )}
        />
      <DialogActions>
        <DialogClose asChild>
          <Button variant="secondary">{tCommon('cancel')}</Button>
        </DialogClose>
        <Button type="submit" loading={pending} loadingLabel={tCommon('loading')}>
          {banner ? tCommon('save') : tCommon('create')}
        </Button>
      </DialogActions>
    </form>
  );
}
