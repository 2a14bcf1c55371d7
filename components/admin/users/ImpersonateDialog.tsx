'use client';

import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { CopyButton } from '@/components/ui/CopyButton';
import { Dialog, DialogActions, DialogClose } from '@/components/ui/Dialog';
import { SelectField } from '@/components/ui/fields';
import { useCan } from '../AdminProviders';
import { useApiMutation, useApiQuery } from '../query';
import { QueryBlock } from './QueryBlock';
import { userPath, type AppOption, type UserDetail } from './types';

interface Impersonation {
  refresh_token: string;
  refresh_token_expires_in: number;
}

/**
 * Impersonate the user in a chosen SPA app: the API issues a short-lived refresh token of the user
 * for that app, shown once here to hand to the app (it is never stored in the browser).
 */
export function ImpersonateDialog({ open, onClose, user }: { open: boolean; onClose: () => void; user: UserDetail }) {
  const t = useTranslations('adminUsers.impersonate');
  const tCommon = useTranslations('admin.common');
  return (
    <Dialog open={open} onOpenChange={(next) => (next ? undefined : onClose())} title={t('title', { email: user.email ?? user.authId })} description={t('description')} closeLabel={tCommon('close')}>
      {open ? <ImpersonateForm user={user} /> : null}
    </Dialog>
  );
}

function ImpersonateForm({ user }: { user: UserDetail }) {
  const t = useTranslations('adminUsers.impersonate');
  const tCommon = useTranslations('admin.common');
  const canReadApps = useCan('read_app');
  const apps = useApiQuery<{ apps: AppOption[] }>('/api/v1/apps', undefined, { enabled: canReadApps });
  const [appId, setAppId] = useState('');
  const tokenId = useId();
  const run = useApiMutation<Impersonation, string>({
    request: (app) => ({ path: `${userPath(user.authId)}/impersonation/${app}`, method: 'POST', body: {} }),
    successMessage: t('issued'),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (appId) run.mutate(appId);
  };

  if (!canReadApps) return <Alert variant="info">{t('needsReadApp')}</Alert>;
  if (run.data) {
    return (
      <div className="flex flex-col gap-3">
        <Alert variant="warning" role="status">
          {t('shownOnce', { minutes: Math.round(run.data.refresh_token_expires_in / 60) })}
        </Alert>
        <label htmlFor={tokenId} className="text-sm font-medium">
          {t('token')}
        </label>
        <textarea id={tokenId} readOnly rows={3} value={run.data.refresh_token} className="w-full rounded-control border border-input bg-surface p-2 font-mono text-xs break-all text-surface-foreground focus-visible:outline-2 focus-visible:outline-ring" />
        <DialogActions>
          <CopyButton value={run.data.refresh_token} label={tCommon('copy')} copiedLabel={tCommon('copied')} />
          <DialogClose asChild>
            <Button>{tCommon('close')}</Button>
          </DialogClose>
        </DialogActions>
      </div>
    );
  }
  return (
    <QueryBlock query={apps}>
      {(data) => {
        const spas = data.apps.filter((app) => app.type === 'spa' && app.isActive);
        return (
          <form onSubmit={submit} className="flex flex-col gap-4">
            {spas.length ? (
              <SelectField
                label={t('app')}
                hint={t('appHint')}
                value={appId}
                onChange={(event) => setAppId(event.target.value)}
                options={[{ value: '', label: t('chooseApp') }, ...spas.map((app) => ({ value: app.id, label: app.name }))]}
              />
            ) : (
              <Alert variant="info">{t('noApps')}</Alert>
            )}
            <DialogActions>
              <DialogClose asChild>
                <Button variant="secondary">{tCommon('cancel')}</Button>
              </DialogClose>
              <Button type="submit" disabled={!appId} loading={run.isPending} loadingLabel={tCommon('loading')}>
                {t('submit')}
              </Button>
            </DialogActions>
          </form>
        );
      }}
    </QueryBlock>
  );
}
