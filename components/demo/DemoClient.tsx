'use client';

import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';

// A real public client running in the browser, the way an SPA integrates with Tessera:
// PKCE S256 + state + nonce, code exchange at the token endpoint, then userinfo. It uses the
// standard endpoints only, so it doubles as a smoke test of a fresh install.

const STORAGE_KEY = 'tessera-demo-flow';

interface DemoClientProps {
  issuer: string;
  clientId: string;
  redirectUri: string;
}

interface SignedIn {
  idTokenClaims: Record<string, unknown>;
  userInfo: Record<string, unknown>;
  scope: string;
}

function randomString(bytes: number): string {
  const data = crypto.getRandomValues(new Uint8Array(bytes));
  return base64url(data);
}

function base64url(data: Uint8Array): string {
  return btoa(String.fromCharCode(...data)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function s256(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

function decodeJwtPayload(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
}

export function DemoClient({ issuer, clientId, redirectUri }: DemoClientProps) {
  const t = useTranslations('demo');
  const [result, setResult] = useState<SignedIn | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const code = params.get('code');
    const returnedError = params.get('error');
    if (!code && !returnedError) return;
    window.history.replaceState(null, '', window.location.pathname);
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as { state: string; verifier: string; nonce: string } | null;
    sessionStorage.removeItem(STORAGE_KEY);
    if (returnedError) {
      // The callback's query exists in the browser only, after hydration: the effect is where it is read.
      // eslint-disable-next-line react-hooks/set-state-in-effect -- one answer per page load, no render loop
      setError(`${returnedError}: ${params.get('error_description') ?? ''}`);
      return;
    }
    if (!stored || stored.state !== params.get('state')) {
      setError(t('stateMismatch'));
      return;
    }
    setBusy(true);
    void (async () => {
      try {
        const tokenResponse = await fetch(`${issuer}/oauth2/v1/token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'authorization_code', code: code!, code_verifier: stored.verifier, redirect_uri: redirectUri, client_id: clientId }),
        });
        const tokens = (await tokenResponse.json()) as Record<string, string>;
        if (!tokenResponse.ok) throw new Error(`${tokens.error}: ${tokens.error_description}`);
        const idTokenClaims = decodeJwtPayload(tokens.id_token!);
        if (idTokenClaims.nonce !== stored.nonce) throw new Error(t('nonceMismatch'));
        const infoResponse = await fetch(`${issuer}/oauth2/v1/userinfo`, { headers: { Authorization: `Bearer ${tokens.access_token}` } });
        const userInfo = (await infoResponse.json()) as Record<string, unknown>;
        if (!infoResponse.ok) throw new Error(String(userInfo.error));
        setResult({ idTokenClaims, userInfo, scope: tokens.scope ?? '' });
      } catch (caught) {
        setError(caught instanceof Error ? caught.message : String(caught));
      } finally {
        setBusy(false);
      }
    })();
  }, [issuer, clientId, redirectUri, t]);

  async function signIn() {
    setBusy(true);
    const verifier = randomString(48);
    const state = randomString(16);
    const nonce = randomString(16);
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ verifier, state, nonce }));
    const url = new URL(`${issuer}/oauth2/v1/authorize`);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri,
      scope: 'openid profile offline_access',
      state,
      nonce,
      code_challenge: await s256(verifier),
      code_challenge_method: 'S256',
    }).toString();
    window.location.assign(url.toString());
  }

  return (
    <div className="flex flex-col gap-4">
      {error ? <Alert variant="error">{error}</Alert> : null}
      {result ? (
        <section className="flex flex-col gap-3" aria-labelledby="demo-result">
          <h2 id="demo-result" className="text-base font-semibold">
            {t('signedInAs', { email: String(result.userInfo.email ?? result.idTokenClaims.sub) })}
          </h2>
          <p className="text-sm text-muted-foreground">{t('scope', { scope: result.scope })}</p>
          <h3 className="text-sm font-semibold">{t('idToken')}</h3>
          <pre className="max-h-64 overflow-auto rounded-control border border-border p-3 text-xs" data-testid="id-token-claims">
            {JSON.stringify(result.idTokenClaims, null, 2)}
          </pre>
          <h3 className="text-sm font-semibold">{t('userInfo')}</h3>
          <pre className="max-h-64 overflow-auto rounded-control border border-border p-3 text-xs" data-testid="userinfo">
            {JSON.stringify(result.userInfo, null, 2)}
          </pre>
        </section>
      ) : null}
      <Button onClick={signIn} loading={busy} disabled={busy}>
        {result ? t('signInAgain') : t('signIn')}
      </Button>
    </div>
  );
}
