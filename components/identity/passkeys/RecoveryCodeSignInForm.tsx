'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { followRedirect, isNavigableRedirect } from '../submit-json';
import { useHydrated } from '../use-hydrated';
import { RecoveryCodeView } from './RecoveryCodeView';
import { usePasskeyAction } from './use-passkey-action';

/**
 * Email + recovery code. On success the used code is gone: the next one is shown once, and
 * "Continue" follows the request to its next step.
 */
export function RecoveryCodeSignInForm({ requestId, defaultEmail }: { requestId: string; defaultEmail: string }) {
  const t = useTranslations('recoveryCodes');
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const { alertRef, busy, error: actionError, fetchData, run } = usePasskeyAction(requestId);
  const [missing, setMissing] = useState<{ email?: boolean; code?: boolean }>({});
  const [next, setNext] = useState<{ code: string; redirectTo: string } | null>(null);

  // Uncontrolled fields (read on submit): what was typed before hydration is kept.
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields = new FormData(event.currentTarget);
    const email = String(fields.get('email') ?? '');
    const code = String(fields.get('recoveryCode') ?? '');
    const empty = { email: email.trim() === '', code: code.trim() === '' };
    setMissing(empty);
    if (empty.email || empty.code) {
      document.getElementById(empty.email ? 'recovery-email' : 'recovery-code-input')?.focus();
      return;
    }
    return run('sign-in', async () => {
      const data = await fetchData('/identity/v1/authorize-recovery-code', { email, recoveryCode: code });
      if (data && typeof data.recoveryCode === 'string' && typeof data.redirectTo === 'string' && isNavigableRedirect(data.redirectTo, window.location.href)) {
        setNext({ code: data.recoveryCode, redirectTo: data.redirectTo });
      }
    });
  }

  if (next) {
    return (
      <div className="flex flex-col gap-5" data-testid="recovery-code-next">
        <Alert variant="success" role="status" title={t('newCodeTitle')}>
          {t('newCodeDescription')}
        </Alert>
        <RecoveryCodeView code={next.code} />
        <Button type="button" size="lg" fullWidth autoFocus onClick={() => followRedirect(next.redirectTo)}>
          {t('continue')}
        </Button>
      </div>
    );
  }

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-5" data-testid="recovery-code-sign-in-form">
      {actionError ? (
        <Alert ref={alertRef} variant="error" tabIndex={-1}>
          {actionError}
        </Alert>
      ) : null}
      <TextField
        id="recovery-email"
        label={t('email')}
        type="email"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        name="email"
        defaultValue={defaultEmail}
        error={missing.email ? t('required') : undefined}
      />
      <TextField
        id="recovery-code-input"
        label={t('code')}
        autoComplete="one-time-code"
        autoCapitalize="characters"
        spellCheck={false}
        required
        name="recoveryCode"
        error={missing.code ? t('required') : undefined}
      />
      <Button type="submit" size="lg" fullWidth disabled={!hydrated} loading={busy} loadingLabel={tCommon('loading')}>
        {t('submit')}
      </Button>
    </form>
  );
}
