// The sign_in step (the first identify step: every request without a user lands here) and its
// email + password credential. Other credentials of this step register their own actions:
// sign-up (sign-up.ts), passwordless (passwordless.ts), passkeys and recovery codes (their
// capabilities), external identity providers.
import { config } from '@/lib/config';
import type { User } from '@/lib/db/generated/client';
import { db } from '@/lib/db';
import { isAppError } from '@/lib/errors';
import { AppError } from '@/lib/errors';
import { emitEvent } from '@/lib/events';
import { defineAction, openFlow, type FlowContext, type FlowOutcome, type FlowStep } from '@/lib/flow';
import type { SignInMethod } from '@/lib/logs/methods';
import { isSignInLogOn, recordSignInEvent } from '@/lib/logs/sign-in';
import { isEmailAddress } from '@/lib/email/address';
import { authenticateWithPassword, findLocalUserByEmail } from '@/lib/users/service';
import { IdentityErrors } from './errors';

/** Always applies before a user is known: the table's last identify step. */
export const signInStep: FlowStep = {
  name: 'sign_in',
  page: 'sign-in',
  phase: 'identify',
  applies: () => true,
  promptNone: 'login_required',
};

/** Who "acts" in a refused sign-in event: nobody was authenticated. */
export const REFUSAL_ACTOR = { type: 'system' as const, id: null };

/** A refused credential: an identity.auth.login.failed event and a sign-in log row, against the account `email` names when it exists. */
export async function recordRefusedSignIn(
  flow: { row: { appId: string; app: { clientId: string } }; context: Pick<FlowContext, 'ip' | 'userAgent'> },
  attempt: { method: SignInMethod; email: string | null; reason: string },
): Promise<void> {
  const user = attempt.email && isEmailAddress(attempt.email) ? await findLocalUserByEmail(attempt.email) : null;
  await emitEvent(db, REFUSAL_ACTOR, 'identity.auth.login.failed', {
    authId: user?.id ?? null,
    clientId: flow.row.app.clientId,
    method: attempt.method,
    reason: attempt.reason,
    ip: flow.context.ip,
  });
  if (!isSignInLogOn()) return;
  await recordSignInEvent({
    appId: flow.row.appId,
    user,
    email: attempt.email,
    method: attempt.method,
    success: false,
    reason: attempt.reason,
    ip: flow.context.ip,
    userAgent: flow.context.userAgent,
  });
}

/** Email + password. */
export const signInWithPassword = defineAction<{ email: string; password: string }, FlowOutcome>({
  steps: 'sign_in',
  async run(flow, credentials) {
    if (!config().enablePasswordSignIn) throw new AppError(IdentityErrors.password_sign_in_disabled);
    let user: User;
    try {
      user = await authenticateWithPassword(credentials.email, credentials.password, { ip: flow.context.ip });
    } catch (error) {
      if (isAppError(error)) await recordRefusedSignIn(flow, { method: 'password', email: credentials.email, reason: error.code });
      throw error;
    }
    return flow.signIn({ amr: ['pwd'], method: 'password' }, user);
  },
});

/** The sign-in page (and the recovery-code sign-in page): a redirect when the request is elsewhere. */
export async function getSignInView(context: FlowContext) {
  const flow = await openFlow(context);
  const { row } = flow;
  return {
    redirectTo: flow.step?.name === 'sign_in' ? null : flow.step ? flow.locationOf(flow.step) : null,
    appName: row.app.name,
    appId: row.appId,
    orgSlug: row.orgSlug,
    locale: row.locale,
    loginHint: row.loginHint,
    policy: row.policy,
    enablePasswordSignIn: config().enablePasswordSignIn,
  };
}
