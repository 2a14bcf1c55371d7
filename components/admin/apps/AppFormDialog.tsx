'use client';

import { useTranslations } from 'next-intl';
import { Controller, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { Button } from '@/components/ui/Button';
import { Dialog, DialogActions, DialogClose } from '@/components/ui/Dialog';
import { TextField } from '@/components/ui/TextField';
import { CheckboxField, ListField, SelectField, SwitchField } from '@/components/ui/fields';
import { ErrorState, LoadingState, Skeleton } from '@/components/ui/States';
import { appName, createAppBody } from '@/lib/apps/schemas';
import { SIGNING_ALGORITHMS, type SigningAlgorithm } from '@/lib/config/schema';
import { useCan } from '../AdminProviders';
import { useApiForm, useFieldErrorText } from '../forms';
import { useListLabels } from '../labels';
import { useApiQuery } from '../query';
import { AppBannersField, useAppBanners } from './AppBannersField';
import type { App, AppWithSecret, ScopeOption } from './types';
import { checkedUriList, itemErrors } from './uri-lists';

const MFA_FLAGS = ['requireOtpMfa', 'requireEmailMfa', 'requireSmsMfa', 'allowEmailMfaAsBackup'] as const;

function formSchema(uriMessage: string) {
  return z.object({
    name: appName,
    type: createAppBody.shape.type,
    isActive: z.boolean(),
    scopes: z.array(z.string()),
    redirectUris: checkedUriList(uriMessage),
    postLogoutRedirectUris: checkedUriList(uriMessage),
    skipConsent: z.boolean(),
    rotateRefreshTokens: z.boolean(),
    allowIntrospection: z.boolean(),
    allowDeviceFlow: z.boolean(),
    // '' = the server's SIGNING_ALGORITHM (null in the API)
    idTokenSignedResponseAlg: z.union([z.literal(''), z.enum(SIGNING_ALGORITHMS)]),
    useSystemMfaConfig: z.boolean(),
    requireOtpMfa: z.boolean(),
    requireEmailMfa: z.boolean(),
    requireSmsMfa: z.boolean(),
    allowEmailMfaAsBackup: z.boolean(),
  });
}

/** `view` is the same dialog for admins without write_app: every field disabled, no Save. */
export type AppDialogState = { mode: 'create' } | { mode: 'edit' | 'view'; app: App } | null;

/**
 * Create an app (SPA or S2S) or edit one: name, status, scopes of its type, redirect and
 * post-logout redirect URIs (SPA), consent, refresh-token rotation and its MFA rules; editing a SPA
 * also picks the banners shown on it. A built-in app keeps its status, scopes and URIs (the server
 * manages them). Editing or viewing loads the app afresh.
 */
export function AppFormDialog({ state, onClose, onCreated }: { state: AppDialogState; onClose: () => void; onCreated: (app: AppWithSecret) => void }) {
  const t = useTranslations('adminApps');
  const tCommon = useTranslations('admin.common');
  const editing = state && state.mode !== 'create' ? state.app : null;
  const readOnly = state?.mode === 'view';
  const detail = useApiQuery<{ app: App }>(`/api/v1/apps/${editing?.id ?? 'none'}`, undefined, { enabled: !!editing, placeholderData: undefined });

  let body;
  if (!state) body = null;
  else if (state.mode === 'create') body = <AppForm key="create" onDone={onClose} onCreated={onCreated} />;
  else if (detail.error) body = <ErrorState title={t('loadFailed')} message={detail.error.message} retryLabel={tCommon('retry')} onRetry={() => detail.refetch()} retrying={detail.isFetching} />;
  else if (!detail.data) {
    body = <LoadingState label={tCommon('loading')} bars={['h-10', 'h-24']} className="gap-3" />;
  } else body = <AppForm key={detail.data.app.id} app={detail.data.app} readOnly={readOnly} onDone={onClose} onCreated={onCreated} />;

  return (
    <Dialog
      open={!!state}
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={editing ? t(readOnly ? 'viewTitle' : 'editTitle', { name: editing.name }) : t('createTitle')}
      description={t('formDescription')}
      closeLabel={tCommon('close')}
      className="max-w-2xl"
    >
      {body}
    </Dialog>
  );
}

function AppForm({ app, readOnly = false, onDone, onCreated }: { app?: App; readOnly?: boolean; onDone: () => void; onCreated: (app: AppWithSecret) => void }) {
  const t = useTranslations('adminApps');
  const tCommon = useTranslations('admin.common');
  const errorText = useFieldErrorText();
  const redirectLabels = useListLabels((index) => t('redirectUriItem', { index }));
  const logoutLabels = useListLabels((index) => t('postLogoutUriItem', { index }));
  const canReadScopes = useCan('read_scope');
  // Only root flags an app for introspection (lib/access): other admins do not see the switch.
  const canSetIntrospection = useCan('root');
  const builtIn = !!app?.isBuiltIn;
  // A create answers with the app's secret (shown once), an update with the app alone.
  const { form, mutation, onSubmit } = useApiForm<ReturnType<typeof formSchema>, { app: AppWithSecret }>({
    schema: formSchema(t('uriInvalid')),
    defaultValues: {
      name: app?.name ?? '',
      type: app?.type ?? 'spa',
      isActive: app?.isActive ?? true,
      scopes: app?.scopes ?? [],
      redirectUris: app?.redirectUris ?? [],
      postLogoutRedirectUris: app?.postLogoutRedirectUris ?? [],
      skipConsent: app?.skipConsent ?? false,
      rotateRefreshTokens: app?.rotateRefreshTokens ?? true,
      allowIntrospection: app?.allowIntrospection ?? false,
      allowDeviceFlow: app?.allowDeviceFlow ?? false,
      idTokenSignedResponseAlg: (app?.idTokenSignedResponseAlg ?? '') as '' | SigningAlgorithm,
      useSystemMfaConfig: app?.useSystemMfaConfig ?? true,
      requireOtpMfa: app?.requireOtpMfa ?? false,
      requireEmailMfa: app?.requireEmailMfa ?? false,
      requireSmsMfa: app?.requireSmsMfa ?? false,
      allowEmailMfaAsBackup: app?.allowEmailMfaAsBackup ?? false,
    },
    fields: ['name', 'redirectUris', 'postLogoutRedirectUris', 'scopes'],
    request: (values) =>
      app
        ? {
            path: `/api/v1/apps/${app.id}`,
            method: 'PUT',
            body: {
              name: values.name,
              skipConsent: values.skipConsent,
              rotateRefreshTokens: values.rotateRefreshTokens,
              ...(canSetIntrospection && app.type === 's2s' ? { allowIntrospection: values.allowIntrospection } : {}),
              ...(app.type === 'spa' ? { allowDeviceFlow: values.allowDeviceFlow } : {}),
              ...(app.type === 'spa' ? { idTokenSignedResponseAlg: values.idTokenSignedResponseAlg || null } : {}),
              useSystemMfaConfig: values.useSystemMfaConfig,
              ...Object.fromEntries(MFA_FLAGS.map((flag) => [flag, values[flag]])),
              // A built-in app's status, scopes and URIs are the server's: never sent.
              ...(builtIn
                ? {}
                : {
                    isActive: values.isActive,
                    ...(canReadScopes ? { scopes: values.scopes } : {}),
                    ...(app.type === 'spa' ? { redirectUris: values.redirectUris, postLogoutRedirectUris: values.postLogoutRedirectUris } : {}),
                  }),
            },
          }
        : {
            path: '/api/v1/apps',
            method: 'POST',
            body: {
              name: values.name,
              type: values.type,
              redirectUris: values.type === 'spa' ? values.redirectUris : [],
              postLogoutRedirectUris: values.type === 'spa' ? values.postLogoutRedirectUris : [],
              skipConsent: values.skipConsent,
              rotateRefreshTokens: values.rotateRefreshTokens,
              ...(canSetIntrospection && values.type === 's2s' ? { allowIntrospection: values.allowIntrospection } : {}),
              allowDeviceFlow: values.type === 'spa' && values.allowDeviceFlow,
              ...(values.type === 'spa' ? { idTokenSignedResponseAlg: values.idTokenSignedResponseAlg || null } : {}),
            },
          },
    invalidates: ['/api/v1/apps'],
    successMessage: (data) => t(app ? 'updated' : 'created', { name: data.app.name }),
    onSuccess: (data) => {
      // the app first: a refused field leaves the banners untouched for the next attempt
      if (app) return banners.saveThen(onDone);
      onDone();
      onCreated(data.app);
    },
  });
  const {
    register,
    control,
    formState: { errors },
  } = form;
  const type = useWatch({ control, name: 'type' });
  const useSystemMfa = useWatch({ control, name: 'useSystemMfaConfig' });
  const scopes = useApiQuery<{ scopes: ScopeOption[] }>('/api/v1/scopes', undefined, { enabled: !!app && canReadScopes });
  const banners = useAppBanners(app);
  const scopeOptions = (scopes.data?.scopes ?? []).filter((scope) => scope.type === app?.type);

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      {/* disabled: every control inside, nested fieldsets included, shows the values without changing them */}
      <fieldset disabled={readOnly} className="flex min-w-0 flex-col gap-4">
        <TextField label={t('name')} error={errorText(errors.name)} required autoComplete="off" {...register('name')} />
        {app ? (
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="font-medium">{t('type')}</dt>
            <dd>{t(`types.${app.type}`)}</dd>
            <dt className="font-medium">{t('clientId')}</dt>
            <dd className="font-mono break-all">{app.clientId}</dd>
          </dl>
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
        {app ? (
          <Controller
            control={control}
            name="isActive"
            render={({ field }) => (
              <SwitchField label={t('active')} hint={builtIn ? t('builtInFixed') : t('activeHint')} checked={field.value} onCheckedChange={field.onChange} ref={field.ref} disabled={builtIn} />
            )}
          />
        ) : null}
        {type === 'spa' ? (
          <>
            <Controller
              control={control}
              name="redirectUris"
              render={({ field }) => (
                <ListField
                  label={t('redirectUris')}
                  hint={builtIn ? t('builtInFixed') : t('redirectUrisHint')}
                  value={field.value ?? []}
                  onChange={field.onChange}
                  ref={field.ref}
                  inputType="url"
                  labels={redirectLabels}
                  errors={itemErrors(errors.redirectUris, errorText)}
                  error={errors.redirectUris?.message}
                  disabled={builtIn}
                />
              )}
            />
            <Controller
              control={control}
              name="postLogoutRedirectUris"
              render={({ field }) => (
                <ListField
                  label={t('postLogoutUris')}
                  hint={t('postLogoutUrisHint')}
                  value={field.value ?? []}
                  onChange={field.onChange}
                  ref={field.ref}
                  inputType="url"
                  labels={logoutLabels}
                  errors={itemErrors(errors.postLogoutRedirectUris, errorText)}
                  error={errors.postLogoutRedirectUris?.message}
                  disabled={builtIn}
                />
              )}
            />
          </>
        ) : null}
        {app && canReadScopes ? (
          <Controller
            control={control}
            name="scopes"
            render={({ field }) => (
              <fieldset className="flex flex-col gap-2">
                <legend className="text-sm font-medium">{t('scopes')}</legend>
                <p className="text-sm text-muted-foreground">{builtIn ? t('builtInFixed') : t('scopesHint')}</p>
                {scopes.isLoading ? <Skeleton className="h-16" /> : null}
                <div className="grid gap-2 sm:grid-cols-2">
                  {scopeOptions.map((scope) => (
                    <CheckboxField
                      key={scope.id}
                      label={<code className="font-mono">{scope.name}</code>}
                      checked={(field.value ?? []).includes(scope.name)}
                      disabled={builtIn}
                      onChange={(event) => field.onChange(event.target.checked ? [...(field.value ?? []), scope.name] : (field.value ?? []).filter((name) => name !== scope.name))}
                    />
                  ))}
                </div>
              </fieldset>
            )}
          />
        ) : null}
        <Controller
          control={control}
          name="skipConsent"
          render={({ field }) => <SwitchField label={t('skipConsent')} hint={t('skipConsentHint')} checked={field.value} onCheckedChange={field.onChange} ref={field.ref} />}
        />
        <Controller
          control={control}
          name="rotateRefreshTokens"
          render={({ field }) => <SwitchField label={t('rotateRefreshTokens')} hint={t('rotateRefreshTokensHint')} checked={field.value} onCheckedChange={field.onChange} ref={field.ref} />}
        />
        {canSetIntrospection && (app?.type ?? type) === 's2s' ? (
          <Controller
            control={control}
            name="allowIntrospection"
            render={({ field }) => <SwitchField label={t('allowIntrospection')} hint={t('allowIntrospectionHint')} checked={field.value} onCheckedChange={field.onChange} ref={field.ref} />}
          />
        ) : null}
        {(app?.type ?? type) === 'spa' ? (
          <Controller
            control={control}
            name="allowDeviceFlow"
            render={({ field }) => <SwitchField label={t('allowDeviceFlow')} hint={t('allowDeviceFlowHint')} checked={field.value} onCheckedChange={field.onChange} ref={field.ref} />}
          />
        ) : null}
        {type === 'spa' ? (
          <SelectField
            label={t('idTokenAlg')}
            hint={t('idTokenAlgHint')}
            options={[{ value: '', label: t('idTokenAlgDefault') }, ...SIGNING_ALGORITHMS.map((alg) => ({ value: alg, label: alg }))]}
            {...register('idTokenSignedResponseAlg')}
          />
        ) : null}
        {app && app.type === 'spa' ? (
          <fieldset className="flex flex-col gap-3 rounded-control border border-border p-3">
            <legend className="px-1 text-sm font-medium">{t('mfa')}</legend>
            <Controller
              control={control}
              name="useSystemMfaConfig"
              render={({ field }) => <SwitchField label={t('useSystemMfa')} hint={t('useSystemMfaHint')} checked={field.value} onCheckedChange={field.onChange} ref={field.ref} />}
            />
            {useSystemMfa
              ? null
              : MFA_FLAGS.map((flag) => (
                  <Controller key={flag} control={control} name={flag} render={({ field }) => <CheckboxField label={t(`mfaFlags.${flag}`)} checked={field.value} onChange={(event) => field.onChange(event.target.checked)} ref={field.ref} />} />
                ))}
          </fieldset>
        ) : null}
        <AppBannersField state={banners} />
      </fieldset>
      <DialogActions>
        <DialogClose asChild>
          <Button variant="secondary">{readOnly ? tCommon('close') : tCommon('cancel')}</Button>
        </DialogClose>
        {readOnly ? null : (
          <Button type="submit" loading={mutation.isPending || banners.isSaving} loadingLabel={tCommon('loading')}>
            {app ? tCommon('save') : tCommon('create')}
          </Button>
        )}
      </DialogActions>
    </form>
  );
}
