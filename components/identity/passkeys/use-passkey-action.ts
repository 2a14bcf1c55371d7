'use client';

import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { endsRequest } from '../error-codes';
import { followRedirect, postJson, submitJson } from '../submit-json';

/** Error codes with a message in `passkeys.errors` (lib/passkeys/errors.ts and the sign-in's own). */
const PASSKEY_ERROR_CODES = [
  'passkey_invalid',
  'passkey_exists',
  'passkey_not_found',
  'passkeys_disabled',
  'invalid_recovery_code',
  'recovery_codes_disabled',
  'account_disabled',
  'account_locked',
  'too_many_requests',
  'cancelled',
  'unsupported',
] as const;

/**
 * State of the passkey and recovery-code forms: one pending action, an error alert that receives
 * focus, and the JSON exchange of submit-json.ts. An expired request goes to the auth-code-expired
 * page; a request that moved on reloads the page, which then shows the right step.
 */
export function usePasskeyAction(requestId: string) {
  const t = useTranslations('passkeys.errors');
  const [pending, setPending] = useState<string | null>(null);
  const [navigating, setNavigating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [focusAlert, setFocusAlert] = useState(0);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focusAlert > 0) alertRef.current?.focus();
  }, [focusAlert]);

  function fail(code: string): void {
    if (endsRequest(code)) {
      setNavigating(true);
      followRedirect(`/identity/v1/auth-code-expired?request=${encodeURIComponent(requestId)}`);
      return;
    }
    if (code === 'wrong_step') {
      setNavigating(true);
      window.location.reload();
      return;
    }
    setError((PASSKEY_ERROR_CODES as readonly string[]).includes(code) ? t(code as (typeof PASSKEY_ERROR_CODES)[number]) : t('generic'));
    setFocusAlert((n) => n + 1);
  }

  /** Runs `work` as the pending action `key`; a thrown error becomes the alert (cancelled dialogs included). */
  async function run(key: string, work: () => Promise<void>, classify: (error: unknown) => string = () => 'generic'): Promise<void> {
    if (pending || navigating) return;
    setPending(key);
    setError(null);
    try {
      await work();
    } catch (thrown) {
      fail(classify(thrown));
    } finally {
      setPending(null);
    }
  }

  /** POSTs `{ requestId, …body }` and returns the data, or null after showing the failure. */
  async function fetchData(action: string, body: Record<string, unknown> = {}): Promise<Record<string, unknown> | null> {
    const result = await postJson(action, { requestId, ...body });
    if (result.ok) return result.data;
    fail(result.error);
    return null;
  }

  /**
   * POSTs and follows the server's redirect; false after showing the failure. Field errors (their
   * values are codes) go to `onFields` first, which returns whether it showed them.
   */
  async function go(action: string, body: Record<string, unknown>, onFields?: (fields: Record<string, string>) => boolean): Promise<boolean> {
    const result = await submitJson(action, { requestId, ...body });
    if (!result.ok) {
      if (!(result.fields && onFields?.(result.fields))) fail(result.error);
      return false;
    }
    setNavigating(followRedirect(result.redirectTo));
    return true;
  }

  return { run, fetchData, go, fail, pending, busy: pending !== null || navigating, error, alertRef };
}
