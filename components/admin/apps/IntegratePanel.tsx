'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { CopyButton } from '@/components/ui/CopyButton';
import { ScrollRegion } from '@/components/ui/ScrollRegion';
import { Tabs } from '@/components/ui/Tabs';
import { renderForApp, snippetsFor, type SnippetId } from '@/lib/integration/snippets';
import { TEST_SIGN_IN_FAILURES, TEST_SIGN_IN_MESSAGE, type TestSignInFailure } from '@/lib/integration/test-sign-in-failures';
import { useCan } from '../AdminProviders';
import { useApiMutation } from '../query';
import { appPath, APPS_PATH, type App } from './types';

/** What the server tells the tab: the issuer and the test sign-in's loopback redirect URI and start path. */
export interface IntegrationEndpoints {
  issuer: string;
  testCallbackUrl: string;
  testStartPath: string;
}


type TestOutcome = { ok: true; claims: Record<string, unknown> } | { ok: false; reason: string; detail: string };
type TestState = { kind: 'idle' } | { kind: 'waiting' } | { kind: 'blocked' } | { kind: 'done'; outcome: TestOutcome };

/**
 * An app's Integrate tab: the values its code needs, the code for each library of its type
 * (lib/integration/snippets.ts, filled in with these values: the same code the example apps run)
 * with a copy button, and, for a SPA, the test sign-in.
 */
export function IntegratePanel({ app, endpoints }: { app: App; endpoints: IntegrationEndpoints }) {
  const t = useTranslations('adminIntegrate');
  const tCommon = useTranslations('admin.common');
  const values = {
    issuer: endpoints.issuer,
    clientId: app.clientId,
    // the test redirect URI is the dashboard's, not the app's: never in its code
    redirectUris: app.redirectUris.filter((uri) => uri !== endpoints.testCallbackUrl),
    postLogoutRedirectUris: app.postLogoutRedirectUris,
    scopes: app.scopes,
  };
  const snippets = snippetsFor(app.type);
  const [snippetId, setSnippetId] = useState<string>(snippets[0]!.id);
  const discovery = `${endpoints.issuer}/.well-known/openid-configuration`;

  const valueRows: { name: string; value: string | readonly string[] }[] = [
    { name: t('values.issuer'), value: endpoints.issuer },
    { name: t('values.discovery'), value: discovery },
    { name: t('values.clientId'), value: app.clientId },
    ...(app.type === 'spa'
      ? [
          { name: t('values.redirectUris'), value: values.redirectUris },
          { name: t('values.postLogoutRedirectUris'), value: values.postLogoutRedirectUris },
        ]
      : []),
  ];

  return (
    <div className="mt-6 flex flex-col gap-8">
      <section aria-labelledby="integrate-values">
        <h2 id="integrate-values" className="text-lg font-semibold">
          {t('values.title')}
        </h2>
        <p className="mt-1 text-sm text-muted-foreground">{t('values.description')}</p>
        <dl className="mt-4 divide-y divide-border rounded-card border border-border">
          {valueRows.map((row) => (
            <div key={row.name} className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-center sm:gap-4">
              <dt className="text-sm font-medium sm:w-56 sm:shrink-0">{row.name}</dt>
              <dd className="flex min-w-0 flex-1 flex-col gap-1">
                {(typeof row.value === 'string' ? [row.value] : row.value).map((value) => (
                  <span key={value} className="flex items-center gap-2">
                    <code className="min-w-0 flex-1 font-mono text-sm break-all">{value}</code>
                    <CopyButton value={value} label={tCommon('copy')} copiedLabel={tCommon('copied')} variant="ghost" aria-label={t('values.copyValue', { name: row.name })} />
                  </span>
                ))}
                {typeof row.value !== 'string' && row.value.length === 0 ? <span className="text-sm text-muted-foreground">{t('values.none')}</span> : null}
              </dd>
            </div>
          ))}
        </dl>
        {app.type === 'spa' && values.redirectUris.length === 0 ? (
          <Alert variant="warning" role="note" className="mt-3">
            {t('values.noRedirectUri')}
          </Alert>
        ) : null}
        {app.type === 's2s' ? <p className="mt-3 text-sm text-muted-foreground">{t('values.secretNote')}</p> : null}
      </section>

      <section aria-labelledby="integrate-code">
        <h2 id="integrate-code" className="text-lg font-semibold">
          {t('code.title')}
        </h2>
        <p className="mt-1 text-sm text-muted-foreground">{t('code.description')}</p>
        <Tabs
          className="mt-4"
          label={t('code.tabsLabel')}
          value={snippetId}
          onValueChange={setSnippetId}
          items={snippets.map((snippet) => {
            const code = renderForApp(snippet, values);
            const melody = snippet.id === 'melody-web' || snippet.id === 'melody-react';
            return {
              id: snippet.id,
              label: snippet.label,
              content: (
                <div className="mt-3 flex flex-col gap-3">
                  <p className="text-sm">{t(`code.notes.${snippet.id satisfies SnippetId}`)}</p>
                  {melody && app.rotateRefreshTokens ? (
                    <Alert variant="warning" role="note">
                      {t('code.rotationWarning')}
                    </Alert>
                  ) : null}
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <p className="text-xs text-muted-foreground">{t('code.file', { path: snippet.exampleFile })}</p>
                    <CopyButton value={code} label={t('code.copy')} copiedLabel={t('code.copied')} />
                  </div>
                  <ScrollRegion label={t('code.region', { label: snippet.label })} className="max-h-[32rem] overflow-y-auto rounded-control border border-border bg-muted">
                    <pre className="p-4 font-mono text-xs leading-relaxed" data-testid="snippet-code">
                      <code translate="no">{code}</code>
                    </pre>
                  </ScrollRegion>
                </div>
              ),
            };
          })}
        />
      </section>

      <TestSignInSection app={app} endpoints={endpoints} />

      <section aria-labelledby="integrate-guide">
        <h2 id="integrate-guide" className="text-lg font-semibold">
          {t('guide.title')}
        </h2>
        <ul className="mt-2 flex list-disc flex-col gap-2 ps-5 text-sm text-muted-foreground">
          <li>{t('guide.startFrom')}</li>
          <li>{t('guide.claims')}</li>
          <li>{t('guide.verify')}</li>
          <li>{t('guide.more')}</li>
        </ul>
      </section>
    </div>
  );
}

function TestSignInSection({ app, endpoints }: { app: App; endpoints: IntegrationEndpoints }) {
  const t = useTranslations('adminIntegrate');
  const canWrite = useCan('write_app');
  const [state, setState] = useState<TestState>({ kind: 'idle' });
  const popup = useRef<Window | null>(null);
  const allowed = app.redirectUris.includes(endpoints.testCallbackUrl);

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      // only the result page of our own popup, on this origin, about this app
      if (event.origin !== window.location.origin || !popup.current || event.source !== popup.current) return;
      const data = event.data as { type?: string; appId?: string; outcome?: TestOutcome };
      if (data?.type !== TEST_SIGN_IN_MESSAGE || !data.outcome || (data.appId && data.appId !== app.id)) return;
      setState({ kind: 'done', outcome: data.outcome });
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [app.id]);

  const setCallback = useApiMutation<{ app: App }, boolean>({
    request: (allow) => ({
      path: appPath(app.id),
      method: 'PUT',
      body: { redirectUris: allow ? [...app.redirectUris, endpoints.testCallbackUrl] : app.redirectUris.filter((uri) => uri !== endpoints.testCallbackUrl) },
    }),
    invalidates: [APPS_PATH],
    successMessage: (_, allow) => (allow ? t('test.allowed', { name: app.name }) : t('test.removed', { name: app.name })),
  });

  const failureText = (reason: string, detail: string) =>
    (TEST_SIGN_IN_FAILURES as readonly string[]).includes(reason) ? t(`result.reasons.${reason as TestSignInFailure}`, { detail }) : reason;

  const start = () => {
    const opened = window.open(`${endpoints.testStartPath}?${new URLSearchParams({ app: app.id })}`, 'tessera-test-sign-in', 'width=520,height=720');
    popup.current = opened;
    setState(opened ? { kind: 'waiting' } : { kind: 'blocked' });
  };

  let body;
  if (app.type === 's2s') body = <p className="text-sm text-muted-foreground">{t('test.s2s')}</p>;
  else if (!app.isActive) body = <p className="text-sm text-muted-foreground">{t('test.inactive')}</p>;
  else if (!allowed) {
    body = (
      <>
        <p className="text-sm">{t('test.notRegistered')}</p>
        {canWrite && !app.isBuiltIn ? (
          <div>
            <Button onClick={() => setCallback.mutate(true)} disabled={setCallback.isPending}>
              {t('test.allow')}
            </Button>
          </div>
        ) : (
          <p className="text-sm text-muted-foreground">{t('test.needsWrite')}</p>
        )}
      </>
    );
  } else {
    body = (
      <>
        <div className="flex flex-wrap gap-2">
          <Button onClick={start}>{t('test.start')}</Button>
          {canWrite && !app.isBuiltIn ? (
            <Button variant="ghost" onClick={() => setCallback.mutate(false)} disabled={setCallback.isPending}>
              {t('test.remove')}
            </Button>
          ) : null}
        </div>
        <div aria-live="polite">
          {state.kind === 'waiting' ? <p className="text-sm text-muted-foreground">{t('test.waiting')}</p> : null}
          {state.kind === 'blocked' ? <Alert variant="warning">{t('test.popupBlocked')}</Alert> : null}
          {state.kind === 'done' && !state.outcome.ok ? <Alert variant="error">{t('test.failed', { reason: failureText(state.outcome.reason, state.outcome.detail) })}</Alert> : null}
        </div>
        {state.kind === 'done' && state.outcome.ok ? <ClaimsTable claims={state.outcome.claims} caption={t('test.claimsTitle')} /> : null}
      </>
    );
  }

  return (
    <section aria-labelledby="integrate-test" className="flex flex-col gap-3">
      <h2 id="integrate-test" className="text-lg font-semibold">
        {t('test.title')}
      </h2>
      <p className="text-sm text-muted-foreground">{t('test.description')}</p>
      {app.type === 'spa' ? (
        <p className="text-sm">
          {t('test.callback')}: <code className="font-mono break-all">{endpoints.testCallbackUrl}</code>
        </p>
      ) : null}
      {body}
    </section>
  );
}

/** An ID token's claims as a table (values that are not strings as JSON). */
export function ClaimsTable({ claims, caption }: { claims: Record<string, unknown>; caption: string }) {
  const t = useTranslations('adminIntegrate');
  return (
    <ScrollRegion label={caption}>
      <table className="w-full text-sm" data-testid="claims">
        <caption className="mb-2 text-start font-medium">{caption}</caption>
        <thead>
          <tr className="border-b border-border text-start">
            <th scope="col" className="py-1.5 pe-4 text-start font-medium">
              {t('test.claim')}
            </th>
            <th scope="col" className="py-1.5 text-start font-medium">
              {t('test.value')}
            </th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(claims).map(([name, value]) => (
            <tr key={name} className="border-b border-border last:border-0">
              <th scope="row" className="py-1.5 pe-4 text-start font-mono font-normal">
                {name}
              </th>
              <td className="py-1.5 font-mono break-all">{typeof value === 'string' ? value : JSON.stringify(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
