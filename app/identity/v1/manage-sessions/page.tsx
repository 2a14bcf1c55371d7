import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { flowIdentity, withFlowErrors } from '@/components/identity/flow-page';
import { LeavePolicyButton } from '@/components/identity/policies/LeavePolicyButton';
import { PolicyFrame, PolicyUnavailable } from '@/components/identity/policies/PolicyFrame';
import { RevokeOtherSessionsButton, RevokeSessionButton } from '@/components/identity/policies/SessionButtons';
import { describeUserAgent } from '@/lib/identity/policies/user-agent';
import { manageSessionsView } from '@/lib/identity/policies/views';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('policies.manageSessions');
  return { title: t('title') };
}

/** policy=manage_sessions (Tessera): browser (SSO) sessions and app (refresh-token) sessions. */
export default async function ManageSessionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { context } = await flowIdentity(searchParams);
  const [t, tPolicies, format] = await Promise.all([getTranslations('policies.manageSessions'), getTranslations('policies'), getFormatter()]);
  // Relative times ("5 minutes ago") need no time zone, which the server does not know.
  const now = new Date();
  const when = (date: Date) => format.relativeTime(date, now);
  return withFlowErrors(
    () => manageSessionsView(context),
    (view) => {
      if (view.kind === 'redirect') redirect(view.redirectTo);
      if (view.ineligible) {
        return (
          <PolicyFrame title={t('title')} orgSlug={view.orgSlug}>
            <PolicyUnavailable requestId={view.requestId} reason={view.ineligible} appName={view.appName} />
          </PolicyFrame>
        );
      }
      const others = view.browsers.some((session) => !session.current) || view.apps.some((session) => !session.current);
      return (
        <PolicyFrame title={t('title')} description={t('description')} orgSlug={view.orgSlug}>
          <div className="flex flex-col gap-6" data-testid="sessions">
            <section aria-labelledby="browser-sessions" className="flex flex-col gap-2">
              <h2 id="browser-sessions" className="text-sm font-semibold text-surface-foreground">
                {t('browsers')}
              </h2>
              {view.browsers.length ? (
                <ul className="flex flex-col divide-y divide-border rounded-control border border-border" data-testid="browser-sessions">
                  {view.browsers.map((session) => {
                    const { browser, os } = describeUserAgent(session.userAgent);
                    const name = browser && os ? t('browserOn', { browser, os }) : (browser ?? os ?? t('unknownBrowser'));
                    return (
                      <li key={session.id} className="flex items-center gap-3 px-3.5 py-3 text-sm">
                        <span className="flex min-w-0 flex-1 flex-col gap-0.5">
                          <span className="font-medium text-surface-foreground">
                            {name}
                            {session.current ? (
                              <span className="ms-2 rounded-full border border-border px-2 py-0.5 text-xs font-normal text-muted-foreground">{t('thisBrowser')}</span>
                            ) : null}
                          </span>
                          <span className="text-muted-foreground">{t('signedIn', { time: when(session.createdAt) })}</span>
                          <span className="text-muted-foreground">{t('lastActive', { time: when(session.lastSeenAt) })}</span>
                        </span>
                        {session.current ? null : (
                          <RevokeSessionButton
                            requestId={view.requestId}
                            kind="browser"
                            sessionId={session.id}
                            label={t('signOut')}
                            accessibleLabel={t('signOutLabel', { name })}
                          />
                        )}
                      </li>
                    );
                  })}
                </ul>
              ) : (
                <p className="text-sm text-muted-foreground">{t('noBrowsers')}</p>
              )}
            </section>
            <section aria-labelledby="app-sessions" className="flex flex-col gap-2">
              <h2 id="app-sessions" className="text-sm font-semibold text-surface-foreground">
                {t('apps')}
              </h2>
              {view.apps.length ? (
                <ul className="flex flex-col divide-y divide-border rounded-control border border-border" data-testid="app-sessions">
                  {view.apps.map((session) => (
                    <li key={session.id} className="flex items-center gap-3 px-3.5 py-3 text-sm">
                      <span className="flex min-w-0 flex-1 flex-col gap-0.5">
                        <span className="font-medium text-surface-foreground">
                          {session.appName}
                          {session.current ? (
                            <span className="ms-2 rounded-full border border-border px-2 py-0.5 text-xs font-normal text-muted-foreground">{t('thisBrowser')}</span>
                          ) : null}
                        </span>
                        <span className="text-muted-foreground">{t('signedIn', { time: when(session.createdAt) })}</span>
                        <span className="text-muted-foreground">{t('lastActive', { time: when(session.lastSeenAt) })}</span>
                      </span>
                      <RevokeSessionButton
                        requestId={view.requestId}
                        kind="app"
                        sessionId={session.id}
                        label={t('revoke')}
                        accessibleLabel={t('revokeLabel', { name: session.appName })}
                      />
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-muted-foreground">{t('noApps')}</p>
              )}
            </section>
            <div className="flex flex-col gap-3">
              {others ? <RevokeOtherSessionsButton requestId={view.requestId} label={t('signOutOthers')} /> : null}
              <LeavePolicyButton requestId={view.requestId} label={tPolicies('done')} variant="primary" />
            </div>
          </div>
        </PolicyFrame>
      );
    },
  );
}
