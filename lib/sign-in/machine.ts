// The sign-in machine: the step table (steps.ts), what every sign-in does (participants) and how a
// request ends for each kind of request (end.ts). Surfaces get it through their context helpers
// (hosted.ts, embedded.ts); capabilities never import this folder.
import { createMachine, type SignInParticipant } from '@/lib/flow';
import { IdentityErrors } from '@/lib/identity/errors';
import { runAfterSignIn, toHookApp, toHookUser } from '@/lib/hooks';
import { ssoSessionParticipant } from '@/lib/identity/sso-session';
import { recordSignInEvent } from '@/lib/logs/sign-in';
import type { SignInMethod } from '@/lib/logs/methods';
import { requestCodeAttemptsExhausted } from '@/lib/rate-limit';
import { endRequest } from './end';
import { SIGN_IN_STEPS } from './steps';

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
  signIn: [ssoSessionParticipant, signInLog, afterSignInHooks],
  end: endRequest,
  // A request cut short after too many wrong codes (identity/code-attempts.ts) keeps saying so.
  endedEarly: async (row) => ((await requestCodeAttemptsExhausted(row.id)) ? IdentityErrors.too_many_attempts : null),
});
