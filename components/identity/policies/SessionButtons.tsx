'use client';

import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { useHydrated } from '../use-hydrated';
import { usePolicyAction } from './use-policy-action';

export interface RevokeSessionButtonProps {
  requestId: string;
  kind: 'browser' | 'app';
  sessionId: string;
  label: string;
  /** Names the session for screen readers ("Sign out Chrome on Linux"). */
  accessibleLabel: string;
}

/** Ends one session; the page reloads with the list. */
export function RevokeSessionButton({ requestId, kind, sessionId, label, accessibleLabel }: RevokeSessionButtonProps) {
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const { run, busy, formError, alertRef } = usePolicyAction('/identity/v1/policy/revoke-session', requestId);
  return (
    <div className="flex shrink-0 flex-col items-end gap-2">
      <Button
        type="button"
        variant="secondary"
        size="sm"
        disabled={!hydrated}
        loading={busy}
        loadingLabel={tCommon('loading')}
        aria-label={accessibleLabel}
        onClick={() => run({ kind, sessionId })}
      >
        {label}
      </Button>
      {formError ? (
        <Alert ref={alertRef} variant="error" tabIndex={-1}>
          {formError}
        </Alert>
      ) : null}
    </div>
  );
}

/** "Sign out everywhere else". */
export function RevokeOtherSessionsButton({ requestId, label }: { requestId: string; label: string }) {
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const { run, busy, formError, alertRef } = usePolicyAction('/identity/v1/policy/revoke-other-sessions', requestId);
  return (
    <div className="flex flex-col gap-3">
      {formError ? (
        <Alert ref={alertRef} variant="error" tabIndex={-1}>
          {formError}
        </Alert>
      ) : null}
      <Button type="button" variant="danger" size="lg" fullWidth disabled={!hydrated} loading={busy} loadingLabel={tCommon('loading')} onClick={() => run({})}>
        {label}
      </Button>
    </div>
  );
}
