'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { followRedirect, submitJson } from './submit-json';
import { useErrorMessage } from './use-error-message';
import { useHydrated } from './use-hydrated';

export type ConsentDecision = 'allow' | 'deny';

export interface ConsentScope {
  /** Scope name as requested (openid, profile, ...). */
  name: string;
  /** Localized description shown to the user. */
  description: string;
}

export interface ConsentFormProps {
  requestId: string;
  appName: string;
  scopes: ConsentScope[];
  /** URL the form POSTs `{ requestId, decision }` to, as JSON. */
  action: string;
}

/** Scope list + Allow / Deny. The page title ("{appName} wants to access your account") is the shell's. */
export function ConsentForm({ requestId, appName, scopes, action }: ConsentFormProps) {
  const t = useTranslations('consent');
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const errorMessage = useErrorMessage();
  const [pending, setPending] = useState<ConsentDecision | null>(null);
  const [navigating, setNavigating] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [focusAlert, setFocusAlert] = useState(0);
  const alertRef = useRef<HTMLDivElement>(null);
  const lastClicked = useRef<ConsentDecision | null>(null);

  useEffect(() => {
    if (focusAlert > 0) alertRef.current?.focus();
  }, [focusAlert]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending || navigating) return;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const value = submitter instanceof HTMLButtonElement ? submitter.value : lastClicked.current;
    if (value !== 'allow' && value !== 'deny') return;

    setPending(value);
    setFormError(null);
    const result = await submitJson(action, { requestId, decision: value });
    if (result.ok) {
      const leaving = followRedirect(result.redirectTo);
      setNavigating(leaving);
      if (!leaving) setPending(null);
      return;
    }
    setPending(null);
    setFormError(errorMessage(result.error, result.message, t('error')));
    setFocusAlert((n) => n + 1);
  }

  const busy = pending !== null || navigating;

  return (
    <form method="post" action={action} onSubmit={onSubmit} className="flex flex-col gap-5" data-testid="consent-form">
      {formError ? (
        <Alert ref={alertRef} variant="error" tabIndex={-1}>
          {formError}
        </Alert>
      ) : null}
      <div className="flex flex-col gap-3">
        <p className="text-sm text-muted-foreground">{t('intro', { appName })}</p>
        <ul className="flex flex-col divide-y divide-border rounded-control border border-border">
          {scopes.map((scope) => (
            <li key={scope.name} className="flex items-start gap-3 px-3.5 py-3 text-sm">
              <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-4 shrink-0 text-brand">
                <path
                  fillRule="evenodd"
                  clipRule="evenodd"
                  d="M16.704 4.153a.75.75 0 0 1 .143 1.052l-8 10.5a.75.75 0 0 1-1.127.075l-4.5-4.5a.75.75 0 0 1 1.06-1.06l3.894 3.893 7.48-9.817a.75.75 0 0 1 1.05-.143Z"
                />
              </svg>
              <span className="flex min-w-0 flex-col">
                <span className="text-surface-foreground">{scope.description}</span>
                <span className="font-mono text-xs text-muted-foreground">{scope.name}</span>
              </span>
            </li>
          ))}
        </ul>
      </div>
      <div className="flex flex-col-reverse gap-3 sm:flex-row">
        <Button
          type="submit"
          name="decision"
          value="deny"
          variant="secondary"
          size="lg"
          className="sm:flex-1"
          disabled={!hydrated || (busy && pending !== 'deny')}
          loading={pending === 'deny'}
          loadingLabel={tCommon('loading')}
          onClick={() => (lastClicked.current = 'deny')}
        >
          {t('deny')}
        </Button>
        <Button
          type="submit"
          name="decision"
          value="allow"
          size="lg"
          className="sm:flex-1"
          disabled={!hydrated || (busy && pending !== 'allow')}
          loading={pending === 'allow'}
          loadingLabel={tCommon('loading')}
          onClick={() => (lastClicked.current = 'allow')}
        >
          {t('allow')}
        </Button>
      </div>
    </form>
  );
}
