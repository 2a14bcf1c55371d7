'use client';

import { useEffect, useEffectEvent, useSyncExternalStore } from 'react';
import { useTranslations } from 'next-intl';
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { followRedirect, postJson, submitJson } from '../submit-json';
import { useHydrated } from '../use-hydrated';
import { usePasskeyAction } from './use-passkey-action';
import { isCancelled, loadWebAuthn, supportsAutofill, supportsPasskeys } from './webauthn-client';

const OPTIONS = '/identity/v1/authorize-passkey-options';
const VERIFY = '/identity/v1/authorize-passkey-verify';

/** Passkey support does not change while the page is open. */
const noSubscription = () => () => {};

/**
 * Passkey sign-in on the sign-in page: a "Sign in with a passkey" button, and passkeys offered in
 * the email field's autofill (conditional mediation, `autocomplete="username webauthn"`) where the
 * browser supports it. Either way the server verifies the assertion and the request moves on.
 */
export function PasskeySignIn({ requestId }: { requestId: string }) {
  const t = useTranslations('passkeys');
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  // Known in the browser only: the server's render (and hydration) offers the button.
  const available = useSyncExternalStore(noSubscription, supportsPasskeys, () => true);
  const { alertRef, busy, error: actionError, fail, fetchData, go, run } = usePasskeyAction(requestId);

  const onAutofillFailure = useEffectEvent((code: string) => fail(code));

  // The autofill request waits in the background until the user picks a passkey in the email
  // field's suggestions; the button's request replaces it (simplewebauthn aborts the pending one).
  useEffect(() => {
    let active = true;
    void (async () => {
      if (!(await supportsAutofill())) return;
      const [{ startAuthentication }, options] = await Promise.all([loadWebAuthn(), postJson(OPTIONS, { requestId })]);
      if (!active || !options.ok) return;
      let response: AuthenticationResponseJSON;
      try {
        response = await startAuthentication({ optionsJSON: options.data.options as PublicKeyCredentialRequestOptionsJSON, useBrowserAutofill: true });
      } catch {
        // Replaced by the button's request, or the page is going away: nothing to tell the user.
        return;
      }
      if (!active) return;
      const result = await submitJson(VERIFY, { requestId, passkeyInfo: response });
      if (result.ok) followRedirect(result.redirectTo);
      else onAutofillFailure(result.error);
    })();
    return () => {
      active = false;
    };
  }, [requestId]);

  function signIn() {
    return run(
      'passkey',
      async () => {
        const [{ startAuthentication }, data] = await Promise.all([loadWebAuthn(), fetchData(OPTIONS)]);
        if (!data) return;
        const response = await startAuthentication({ optionsJSON: data.options as PublicKeyCredentialRequestOptionsJSON });
        await go(VERIFY, { passkeyInfo: response });
      },
      (error) => (isCancelled(error) ? 'cancelled' : 'generic'),
    );
  }

  if (!available) return null;
  return (
    <div className="flex flex-col gap-3" data-testid="passkey-sign-in">
      {actionError ? (
        <Alert ref={alertRef} variant="error" tabIndex={-1}>
          {actionError}
        </Alert>
      ) : null}
      <Button type="button" variant="secondary" size="lg" fullWidth disabled={!hydrated} loading={busy} loadingLabel={tCommon('loading')} onClick={signIn}>
        {t('signIn')}
      </Button>
    </div>
  );
}
