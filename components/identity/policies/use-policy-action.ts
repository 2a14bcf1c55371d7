'use client';

import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { endsRequest } from '../error-codes';
import { followRedirect, submitJson } from '../submit-json';

/** Error codes with a message in `policies.errors` (lib/identity/policies/errors.ts and friends). */
const POLICY_ERROR_CODES = [
  'wrong_step',
  'too_many_requests',
  'account_locked',
  'policy_unavailable',
  'external_account',
  'no_password',
  'wrong_password',
  'password_unchanged',
  'weak_password',
  'email_unchanged',
  'email_taken',
  'invalid_email',
  'invalid_code',
  'no_code_sent',
  'org_not_available',
  'fresh_sign_in_required',
  'protected_account',
  'email_unverified',
  'sign_in_again',
  'confirmation_required',
  'session_not_found',
  'current_session',
  'required',
  'too_long',
  'taken',
  'invalid_value',
] as const;
export type PolicyErrorCode = (typeof POLICY_ERROR_CODES)[number];

function isPolicyErrorCode(code: string | undefined): code is PolicyErrorCode {
  return code !== undefined && (POLICY_ERROR_CODES as readonly string[]).includes(code);
}

/** The page-language text of an error code, `generic` for anything unknown (never the server's English). */
export function usePolicyErrorText(): (code: string | undefined) => string {
  const t = useTranslations('policies.errors');
  return (code) => (isPolicyErrorCode(code) ? t(code) : t('generic'));
}

/**
 * Posts one policy action as JSON `{ requestId, …body }` and follows the server's redirect. On
 * failure: field errors (their values are error codes) go to `onFields`, which returns whether it
 * showed them; a request that ended (expired, too many wrong codes) goes to the auth-code-expired
 * page; anything else becomes `formError`, an alert that receives focus.
 */
export function usePolicyAction(action: string, requestId: string) {
  const errorText = usePolicyErrorText();
  const [pending, setPending] = useState(false);
  const [navigating, setNavigating] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [focusAlert, setFocusAlert] = useState(0);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focusAlert > 0) alertRef.current?.focus();
  }, [focusAlert]);

  async function run(body: Record<string, unknown>, onFields?: (fields: Record<string, string>) => boolean): Promise<void> {
    if (pending || navigating) return;
    setPending(true);
    setFormError(null);
    const result = await submitJson(action, { requestId, ...body });
    if (result.ok) {
      setNavigating(followRedirect(result.redirectTo));
      setPending(false);
      return;
    }
    setPending(false);
    if (endsRequest(result.error)) {
      setNavigating(true);
      followRedirect(`/identity/v1/auth-code-expired?request=${encodeURIComponent(requestId)}`);
      return;
    }
    // The sign-in grew too old for this change: the server sent the request back to the sign-in
    // page, where reloading this page now leads.
    if (result.error === 'sign_in_again') {
      setNavigating(true);
      window.location.reload();
      return;
    }
    if (result.fields && onFields?.(result.fields)) return;
    setFormError(errorText(result.error));
    setFocusAlert((n) => n + 1);
  }

  return { run, busy: pending || navigating, formError, alertRef, errorText };
}
