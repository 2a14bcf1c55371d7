// The sign-in machine: the step table (steps.ts), what every sign-in does (participants) and how a
// request ends for each kind of request (end.ts). Surfaces get it through their context helpers
// (hosted.ts, embedded.ts); capabilities never import this folder.
import { createMachine, type SignInParticipant } from '@/lib/flow';
import { IdentityErrors } from '@/lib/identity/errors';
import { emitEvent } from '@/lib/events';
import { runAfterSignIn, runBeforeSignIn, toHookApp, toHookUser } from '@/lib/hooks';
import { ssoSessionParticipant } from '@/lib/identity/sso-session';
import { recordSignInEvent } from '@/lib/logs/sign-in';
import type { SignInMethod } from '@/lib/logs/methods';
import { requestCodeAttemptsExhausted } from '@/lib/rate-limit';
import { endRequest } from './end';
import { SIGN_IN_STEPS } from './steps';

/**
 * The deployer's beforeSignIn pre-hooks (lib/hooks/pre-hooks.ts): a denial refuses the sign-in
 * (hook_denied, the hook's message in the request's language) and rolls back its writes. First, so
 * nothing else runs for a refused sign-in. It runs in the sign-in transaction: HOOK_TIMEOUT_MS
 * bounds an HTTP hook.
 */
const beforeSignInHooks: SignInParticipant = {
  name: 'before_sign_in_hooks',
  async write(_tx, { flow, user, how }) {
    const { row, context } = flow;
    await runBeforeSignIn({ user: toHookUser(user), app: toHookApp(row.app), method: how.method as SignInMethod, locale: row.locale, ip: context.ip, userAgent: context.userAgent });
  },
};

/** identity.auth.login.succeeded in the sign-in transaction (lib/events). */
const signInEvent: SignInParticipant = {
  name: 'sign_in_event',
  async write(tx, { flow, user, how }) {
    await emitEvent(tx, { type: 'user', id: user.id }, 'identity.auth.login.succeeded', { authId: user.id, clientId: flow.row.app.clientId, method: how.method, ip: flow.context.ip });
  },
};

/** The sign-in log's row for every successful credential. */
const signInLog: SignInParticipant = {
  name: 'sign_in_log',
  async after({ flow, user, how }) {
    const { row, context } = flow;
    await recordSignInEvent({ appId: row.appId, user, method: how.method as SignInMethod, success: true, reason: '', ip: context.ip, userAgent: context.userAgent });
  },
};

/** The deployer's afterSignIn hooks (lib/hooks). */
const afterSignInHooks: SignInParticipant = {
  name: 'after_sign_in_hooks',
  async after({ flow, user, how, authTime }) {
    const { row, context } = flow;
    await runAfterSignIn({
      user: toHookUser(user),
      app: toHookApp(row.app),
      method: how.method as SignInMethod,
      authTime,
      ip: context.ip,
      userAgent: context.userAgent,
    });
  },
};

export const signInMachine = createMachine({
  steps: SIGN_IN_STEPS,
  signIn: [beforeSignInHooks, ssoSessionParticipant, signInEvent, signInLog, afterSignInHooks],
  end: endRequest,
  // A request cut short after too many wrong codes (identity/code-attempts.ts) keeps saying so.
  endedEarly: async (row) => ((await requestCodeAttemptsExhausted(row.id)) ? IdentityErrors.too_many_attempts : null),
});
