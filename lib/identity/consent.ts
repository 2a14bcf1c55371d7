// The consent step: the user allows the app the scopes it asks for (remembered per user and app),
// or declines and the request ends with access_denied. Skipped when ENABLE_USER_APP_CONSENT is
// off, for first-party apps (skipConsent), once the request passed it, for delete_account (no
// tokens come out of it) and when the user consented to every requested scope before, unless the
// client sent prompt=consent.
import { config } from '@/lib/config';
import { db } from '@/lib/db';
import { defineAction, openFlow, type FlowContext, type FlowOutcome, type FlowStep } from '@/lib/flow';
import { describeScopes } from '@/lib/scopes/service';

export const consentStep: FlowStep = {
  name: 'consent',
  page: 'consent',
  phase: 'account',
  promptNone: 'consent_required',
  async applies({ row }) {
    if (row.completedSteps.includes('consent')) return false;
    // Issue 12 item 11: a device approval always names the app and its scopes and asks, even for
    // a first-party app, with consent off, or with an SSO session: a phished user code must not
    // connect a device silently.
    if (row.deviceAuthorizationId) return true;
    if (!config().enableUserAppConsent || row.app.skipConsent) return false;
    if (row.policy === 'delete_account') return false;
    if (row.prompt.split(' ').includes('consent')) return true;
    const consent = await db.consent.findUnique({ where: { userId_appId: { userId: row.userId!, appId: row.appId } } });
    return !consent || row.scopes.some((scope) => !consent.scopes.includes(scope));
  },
};

/** The consent page: the app and its scopes described in the request's language. */
export async function getConsentView(context: FlowContext) {
  const flow = await openFlow(context);
  const { row } = flow;
  if (flow.step?.name !== 'consent') return { redirectTo: flow.step ? flow.locationOf(flow.step) : null, appName: row.app.name, scopes: [], locale: row.locale };
  const { defaultLocale } = config();
  return {
    redirectTo: null,
    appName: row.app.name,
    orgSlug: row.orgSlug,
    scopes: await describeScopes(row.scopes, row.locale, defaultLocale),
    locale: row.locale,
  };
}

/** "Allow" remembers the scopes for this user and app; "deny" ends the request. */
export const decideConsent = defineAction<'allow' | 'deny', FlowOutcome>({
  steps: 'consent',
  async run(flow, decision) {
    if (decision === 'deny') return flow.deny('The user denied the request.');
    const { row } = flow;
    return flow.complete('consent', async (tx) => {
      const existing = await tx.consent.findUnique({ where: { userId_appId: { userId: row.userId!, appId: row.appId } } });
      const scopes = [...new Set([...(existing?.scopes ?? []), ...row.scopes])];
      await tx.consent.upsert({
        where: { userId_appId: { userId: row.userId!, appId: row.appId } },
        create: { userId: row.userId!, appId: row.appId, scopes },
        update: { scopes },
      });
    });
  },
});

/** The consent step's content for the Embedded Auth API (Melody's GET app-consent: `{ scopes, appName }`). */
export const consentInfo = defineAction<void, { appName: string; scopes: Awaited<ReturnType<typeof describeScopes>> }>({
  steps: 'consent',
  async run(flow) {
    return { appName: flow.row.app.name, scopes: await describeScopes(flow.row.scopes, flow.row.locale, config().defaultLocale) };
  },
});
