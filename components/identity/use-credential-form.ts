'use client';

import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { followRedirect, postJson, submitJson, type SubmitJsonResult } from './submit-json';
import { endsRequest } from './error-codes';
import { useErrorMessage } from './use-error-message';

type Failure = Extract<SubmitJsonResult, { ok: false }>;

/**
 * State and error handling shared by the sign-up, verification, reset, passwordless and
 * invitation forms (JSON exchange of submit-json.ts). Field errors come back as stable codes
 * (`fieldErrors` catalog; anything else — an attribute's validation message written by the
 * deployer, already in the page's language — is shown as sent). Form errors become an alert that
 * receives focus; `notice` is a status message (role=status) for "a new code was sent".
 * A request that expired meanwhile (or ended after too many wrong codes) goes to the
 * auth-code-expired page; a step that moved on (the
 * address was verified in another tab, …) reloads the page, which then shows the right step.
 */
export function useCredentialForm(options: { requestId?: string; fallback: string }) {
  const errorMessage = useErrorMessage();
  const tField = useTranslations('fieldErrors');
  const [pending, setPending] = useState<string | null>(null);
  const [navigating, setNavigating] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [focusAlert, setFocusAlert] = useState(0);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focusAlert > 0) alertRef.current?.focus();
  }, [focusAlert]);

  function fieldText(code: string): string {
    return tField.has(code as never) ? tField(code as never) : code;
  }

  function showError(message: string) {
    setNotice(null);
    setFormError(message);
    setFocusAlert((n) => n + 1);
  }

  /** Expired request, moved-on step, field errors (onFields returns whether it showed them), else the alert. */
  function handleFailure(result: Failure, onFields?: (fields: Record<string, string>) => boolean): void {
    if (endsRequest(result.error) && options.requestId) {
      setNavigating(true);
      followRedirect(`/identity/v1/auth-code-expired?request=${encodeURIComponent(options.requestId)}`);
      return;
    }
    if (result.error === 'wrong_step') {
      setNavigating(true);
      window.location.reload();
      return;
    }
    if (result.fields && onFields?.(Object.fromEntries(Object.entries(result.fields).map(([name, code]) => [name, fieldText(code)])))) {
      setFormError(null);
      return;
    }
    showError(errorMessage(result.error, result.message, options.fallback));
  }

  /** Posts and follows the server's `redirectTo`. `key` names the pending action (which button spins). */
  async function submit(action: string, body: Record<string, unknown>, onFields?: (fields: Record<string, string>) => boolean, key = 'submit') {
    if (pending || navigating) return;
    setPending(key);
    setFormError(null);
    const result = await submitJson(action, body);
    setPending(null);
    if (result.ok) {
      setNavigating(followRedirect(result.redirectTo));
      return;
    }
    handleFailure(result, onFields);
  }

  /** Posts to an endpoint that answers with data or 204; resolves the data, or null after a failure. */
  async function send(action: string, body: Record<string, unknown>, onFields?: (fields: Record<string, string>) => boolean, key = 'send') {
    if (pending || navigating) return null;
    setPending(key);
    setFormError(null);
    setNotice(null);
    const result = await postJson(action, body);
    setPending(null);
    if (result.ok) return result.data;
    handleFailure(result, onFields);
    return null;
  }

  return {
    submit,
    send,
    pending,
    busy: pending !== null || navigating,
    formError,
    notice,
    setNotice,
    showError,
    alertRef,
    fieldText,
  };
}
