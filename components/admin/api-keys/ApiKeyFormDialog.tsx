'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/Button';
import { Dialog, DialogActions, DialogClose } from '@/components/ui/Dialog';
import { TextField } from '@/components/ui/TextField';
import { CheckboxField, TextareaField } from '@/components/ui/fields';
import { ErrorState, LoadingState } from '@/components/ui/States';
import { apiKeyForm } from '@/lib/api-keys/schemas';
import { useApiForm, useFieldErrorText } from '../forms';
import { useApiQuery } from '../query';
import { API_KEYS_PATH, type ApiKeySummary } from './types';

export interface ShownApiKey {
  name: string;
  key: string;
}

interface ScopeRow {
  name: string;
  type: 'spa' | 's2s';
  note: string;
}

/** Create a key: name, S2S scopes, optional expiry and IP allow-list; the key is shown after, once. */
export function ApiKeyFormDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (shown: ShownApiKey) => void }) {
  const t = useTranslations('adminApiKeys');
  const tCommon = useTranslations('admin.common');
  const scopes = useApiQuery<{ scopes: ScopeRow[] }>('/api/v1/scopes', undefined, { enabled: open });
  let body = null;
  if (open && scopes.error) body = <ErrorState title={t('scopesFailed')} message={scopes.error.message} retryLabel={tCommon('retry')} onRetry={() => scopes.refetch()} retrying={scopes.isFetching} />;
  else if (open && !scopes.data) body = <LoadingState label={tCommon('loading')} bars={['h-10', 'h-40', 'h-10']} className="gap-3" />;
  else if (open && scopes.data) body = <ApiKeyForm scopes={scopes.data.scopes.filter((scope) => scope.type === 's2s')} onDone={onClose} onCreated={onCreated} />;
  return (
    <Dialog open={open} onOpenChange={(next) => (next ? undefined : onClose())} title={t('createTitle')} description={t('createDescription')} closeLabel={tCommon('close')}>
      {body}
    </Dialog>
  );
}

function ApiKeyForm({ scopes, onDone, onCreated }: { scopes: ScopeRow[]; onDone: () => void; onCreated: (shown: ShownApiKey) => void }) {
  const t = useTranslations('adminApiKeys');
  const tCommon = useTranslations('admin.common');
  const errorText = useFieldErrorText();
  const { form, mutation, onSubmit } = useApiForm<typeof apiKeyForm, { apiKey: ApiKeySummary; key: string }>({
    schema: apiKeyForm,
    defaultValues: { name: '', scopes: [], expiresAt: '', ipAllowList: '' },
    fields: ['name', 'scopes', 'expiresAt', 'ipAllowList'],
    fieldErrors: { invalid_ip_allow_list: { field: 'ipAllowList', message: t('invalidIpAllowList') } },
    request: (values) => ({ path: API_KEYS_PATH, method: 'POST', body: values }),
    invalidates: [API_KEYS_PATH],
    successMessage: (data) => t('created', { name: data.apiKey.name }),
    onSuccess: (data) => {
      onDone();
      onCreated({ name: data.apiKey.name, key: data.key });
    },
  });
  const {
    register,
    formState: { errors },
  } = form;
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      <TextField label={t('name')} error={errorText(errors.name)} required autoComplete="off" {...register('name')} />
      <fieldset className="flex flex-col gap-2" aria-describedby="api-key-scopes-hint">
        <legend className="text-sm font-medium">{t('scopes')}</legend>
        <p id="api-key-scopes-hint" className="text-sm text-muted-foreground">
          {t('scopesHint')}
        </p>
        <div className="grid gap-2 sm:grid-cols-2">
          {scopes.map((scope) => (
            <CheckboxField key={scope.name} label={scope.name} title={scope.note || undefined} value={scope.name} {...register('scopes')} />
          ))}
        </div>
        {errors.scopes ? (
          <p className="text-sm text-danger" role="alert">
            {t('scopesRequired')}
          </p>
        ) : null}
      </fieldset>
      <TextField label={t('expiresAt')} hint={t('expiresAtHint')} error={errorText(errors.expiresAt)} type="datetime-local" {...register('expiresAt')} />
      <TextareaField
        label={t('ipAllowList')}
        hint={t('ipAllowListHint')}
        error={errorText(errors.ipAllowList)}
        rows={3}
        spellCheck={false}
        className="font-mono"
        {...register('ipAllowList')}
      />
      <DialogActions>
        <DialogClose asChild>
          <Button variant="secondary">{tCommon('cancel')}</Button>
        </DialogClose>
        <Button type="submit" loading={mutation.isPending} loadingLabel={tCommon('loading')}>
          {tCommon('create')}
        </Button>
      </DialogActions>
    </form>
  );
}
