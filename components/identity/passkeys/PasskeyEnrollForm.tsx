'use client';

import { useId, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { useHydrated } from '../use-hydrated';
import { usePasskeyAction } from './use-passkey-action';
import { isCancelled, loadWebAuthn } from './webauthn-client';

export interface PasskeyEnrollFormProps {
  requestId: string;
  /** `step`: the passkey_enroll step (with "Not now" and "Don't ask again"); `manage`: manage_passkey's "Add a passkey". */
  mode: 'step' | 'manage';
}

/** Names and creates a passkey with the browser's authenticator, then the server stores it. */
export function PasskeyEnrollForm({ requestId, mode }: PasskeyEnrollFormProps) {
  const t = useTranslations('passkeys');
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const { alertRef, error: actionError, fetchData, go, pending, run } = usePasskeyAction(requestId);
  const [remember, setRemember] = useState(false);
  const rememberId = useId();

  // The name field is uncontrolled (read on submit): what was typed before hydration is kept.
  function create(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('name') ?? '');
    return run(
      'create',
      async () => {
        const [{ startRegistration }, data] = await Promise.all([loadWebAuthn(), fetchData('/identity/v1/passkey-enroll-options')]);
        if (!data) return;
        const credential = await startRegistration({ optionsJSON: data.options as PublicKeyCredentialCreationOptionsJSON });
        await go(mode === 'step' ? '/identity/v1/process-passkey-enroll' : '/identity/v1/policy/add-passkey', { credential, name });
      },
      (error) => (isCancelled(error) ? 'cancelled' : error instanceof Error && error.name === 'InvalidStateError' ? 'passkey_exists' : 'generic'),
    );
  }

  function decline() {
    return run('decline', async () => void (await go('/identity/v1/process-passkey-enroll-decline', { remember })));
  }

  return (
    <form noValidate onSubmit={create} className="flex flex-col gap-5" data-testid={mode === 'step' ? 'passkey-enroll-form' : 'passkey-add-form'}>
      {actionError ? (
        <Alert ref={alertRef} variant="error" tabIndex={-1}>
          {actionError}
        </Alert>
      ) : null}
      <TextField label={t('name')} hint={t('nameHint')} name="name" maxLength={100} autoComplete="off" />
      <Button type="submit" size="lg" fullWidth disabled={!hydrated} loading={pending === 'create'} loadingLabel={tCommon('loading')}>
        {mode === 'step' ? t('create') : t('add')}
      </Button>
      {mode === 'step' ? (
        <div className="flex flex-col gap-3">
          <div className="flex items-center gap-3">
            <input id={rememberId} type="checkbox" checked={remember} onChange={(event) => setRemember(event.target.checked)} className="size-4 shrink-0 accent-(--brand)" />
            <label htmlFor={rememberId} className="text-sm text-surface-foreground">
              {t('dontAskAgain')}
            </label>
          </div>
          <Button type="button" variant="secondary" size="lg" fullWidth disabled={!hydrated} loading={pending === 'decline'} loadingLabel={tCommon('loading')} onClick={decline}>
            {t('notNow')}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
