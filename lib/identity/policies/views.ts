// View models of the post-sign-in pages (switch_org and the policy pages). Each page loads its
// request through here: a request at another step is sent there, one without a current step is
// gone (request_not_found), and a user who cannot use the policy gets the reason to show.
import { findAppByClientId } from '@/lib/apps/service';
import { config } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { authorizeErrorLocation, type ResponseTarget } from '@/lib/oauth/authorize-request';
import { FlowErrors, openFlow, type FlowContext } from '@/lib/flow';
import { isRegisteredRedirectUri } from '@/lib/apps/redirect-uris';
import { listUserOrgs } from '@/lib/orgs/memberships';
import { safeHttpUrl } from '@/lib/ui/safe-values';
import { editableAttributes, pendingChangeEmail } from './account';
import { policyIneligibility, renewStaleSignIn, type PolicyIneligibility } from './common';
import { ACCOUNT_DELETED_DESCRIPTION } from './delete-account';
import { listSessions } from './sessions';
import { type PostSignInStep } from './steps';

async function loadStepView(context: FlowContext, step: PostSignInStep) {
  const flow = await openFlow(context);
  const { row } = flow;
  if (!flow.step) throw new AppError(FlowErrors.request_not_found);
  const base = { requestId: row.id, appName: row.app.name, appId: row.appId, locale: row.locale, orgSlug: row.orgSlug };
  if (flow.step.name !== step) return { kind: 'redirect' as const, redirectTo: flow.locationOf(flow.step), ...base };
  const renewed = step === 'switch_org' ? null : await renewStaleSignIn(flow);
  if (renewed) return { kind: 'redirect' as const, redirectTo: renewed.location, ...base };
  const user = await flow.user();
  const ineligible: PolicyIneligibility | null = step === 'switch_org' ? null : await policyIneligibility(step, row, user);
  return { kind: 'step' as const, redirectTo: null, ...base, row, user, ineligible };
}

type Loaded = Extract<Awaited<ReturnType<typeof loadStepView>>, { kind: 'step' }>;
type Redirect = Extract<Awaited<ReturnType<typeof loadStepView>>, { kind: 'redirect' }>;

/** Runs `build` for a request at `step`; a request elsewhere comes back as a redirect. */
export async function stepView<T>(context: FlowContext, step: PostSignInStep, build: (loaded: Loaded) => Promise<T> | T) {
  const loaded = await loadStepView(context, step);
  if (loaded.kind === 'redirect') return loaded satisfies Redirect;
  const { row: _row, user: _user, ...rest } = loaded;
  return { ...rest, ...(await build(loaded)) };
}

export function orgChoiceView(context: FlowContext, step: 'switch_org' | 'change_org') {
  return stepView(context, step, async ({ user }) => {
    const orgs = await listUserOrgs(user.id);
    const active = orgs.find((org) => org.id === user.activeOrgId);
    return {
      orgs: orgs.map((org) => ({ slug: org.slug, name: org.name, logoUrl: safeHttpUrl(org.companyLogoUrl) ?? null })),
      activeSlug: active?.slug ?? null,
    };
  });
}

export function updateInfoView(context: FlowContext) {
  return stepView(context, 'update_info', async ({ row, user }) => ({
    names: config().enableNames,
    namesRequired: config().namesIsRequired,
    firstName: user.firstName ?? '',
    lastName: user.lastName ?? '',
    attributes: await editableAttributes(user.id, row.locale),
  }));
}

export function changePasswordView(context: FlowContext) {
  return stepView(context, 'change_password', ({ user }) => ({ email: user.email ?? '' }));
}

export function changeEmailView(context: FlowContext) {
  return stepView(context, 'change_email', async ({ row, user }) => {
    return { currentEmail: user.email ?? '', pendingEmail: await pendingChangeEmail(row.id, user.id) };
  });
}

export function deleteAccountView(context: FlowContext) {
  return stepView(context, 'delete_account', ({ user }) => ({ email: user.email ?? '' }));
}

export function manageSessionsView(context: FlowContext) {
  return stepView(context, 'manage_sessions', ({ row, user }) => listSessions(user.id, row.ssoSessionId));
}

/**
 * The "account deleted" page: its link back to the client answers access_denied at the redirect
 * URI, only when client_id names an active SPA app and redirect_uri is one of its registered URIs
 * (the query is not trusted: no open redirect). Otherwise there is no link.
 */
export async function accountDeletedView(query: { clientId?: string; redirectUri?: string; state?: string; popup?: boolean; locale: string }) {
  const app = query.clientId ? await findAppByClientId(query.clientId) : null;
  if (!app || !app.isActive || app.type !== 'spa' || !query.redirectUri || !isRegisteredRedirectUri(query.redirectUri, app.redirectUris)) {
    return { appName: null, returnUrl: null };
  }
  const target: ResponseTarget = { redirectUri: query.redirectUri, method: query.popup ? 'popup' : 'redirect', locale: query.locale };
  const state = query.state && query.state.length <= 1024 ? query.state : undefined;
  return { appName: app.name, returnUrl: authorizeErrorLocation(target, 'access_denied', ACCOUNT_DELETED_DESCRIPTION, state) };
}
