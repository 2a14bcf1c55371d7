import { config } from '@/lib/config';
import { randomToken, safeEqual, sha256 } from '@/lib/crypto/tokens';
import { db, transaction, type Tx } from '@/lib/db';
import type { AuthorizationRequest, Prisma, User } from '@/lib/db/generated/client';
import { AppError, isAppError } from '@/lib/errors';
import { runAfterSignIn, toHookApp, toHookUser } from '@/lib/hooks';
import type { SignInMethod } from '@/lib/logs/methods';
import { isSignInLogOn, recordSignInEvent } from '@/lib/logs/sign-in';
import { MFA_STEP_PATHS, mfaStep, type MfaStep } from '@/lib/mfa/steps';
import { issueAuthorizationCode } from '@/lib/oauth/authorization-code';
import {
  AuthorizeRedirectError,
  authorizeErrorLocation,
  authorizeResponseLocation,
  validateAuthorizeRequest,
  type ResponseTarget,
} from '@/lib/oauth/authorize-request';
import { decideDeviceAuthorization, findPendingDeviceAuthorization } from '@/lib/oauth/device-authorization';
import { AuthorizePageErrors, OAuthErrors } from '@/lib/oauth/errors';
import { withQuery } from '@/lib/oauth/redirect-uris';
import { requestCodeAttemptsExhausted } from '@/lib/rate-limit';
import { enrollmentStep, PASSKEY_STEP_PATHS, type EnrollmentStep } from '@/lib/passkeys/steps';
import { describeScopes } from '@/lib/scopes/service';
import { isEmailAddress } from '@/lib/users/email';
import { authenticateWithPassword, findLocalUserByEmail } from '@/lib/users/service';
import { expiredCookie, requestCookie, REQUEST_COOKIE_PATH, requestCookieName, ssoCookie, type CookieSpec } from './cookies';
import { needsEmailVerification, offerVerificationCode } from './email-verification';
import { IdentityErrors } from './errors';
import { awaitsPasswordlessCode } from './passwordless-state';
import { POST_SIGN_IN_PATHS, postSignInStep, type PostSignInStep } from './policies/steps';
import { findSsoSession, startSsoSession, touchSsoSession } from './sso-session';

// How long a user may take to finish signing in once /authorize was called.
export const FLOW_LIFETIME_SECONDS = 1800;

/** The sign-in state machine's steps, in order. Each is a server-checked transition. */
export type FlowStep = 'sign_in' | 'passwordless_verify' | 'verify_email' | 'consent' | MfaStep | EnrollmentStep | PostSignInStep;

export interface FlowOutcome {
  /** Where the browser goes next: a hosted step page, or the client's redirect URI. */
  location: string;
  cookies: CookieSpec[];
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type FlowRow = AuthorizationRequest & { app: { id: string; name: string; clientId: string; skipConsent: boolean; isActive: boolean } };

/**
 * GET /oauth2/v1/authorize: validates the request, reuses a live SSO session unless the client
 * asks for a fresh login, records the request and moves it as far as it can go.
 */
export async function startAuthorization(params: URLSearchParams, context: { ssoToken?: string; preferredLocale?: string }): Promise<FlowOutcome> {
  const request = await validateAuthorizeRequest(params, { preferredLocale: context.preferredLocale });
  const session = await findSsoSession(context.ssoToken);
  const sessionUsable =
    session !== null &&
    !request.prompt.includes('login') &&
    // Deleting an account needs a sign-in made for it (prompt=login semantics).
    request.policy !== 'delete_account' &&
    (request.maxAge === null || Date.now() - session.authTime.getTime() <= request.maxAge * 1000);
  if (sessionUsable) await touchSsoSession(session);
  if (request.prompt.includes('none') && !sessionUsable) {
    const target = { redirectUri: request.redirectUri, method: request.authorizeMethod, locale: request.locale };
    throw new AuthorizeRedirectError(OAuthErrors.login_required, 'The user is not signed in.', target, request.state);
  }
  return openFlow(
    {
      appId: request.app.id,
      redirectUri: request.redirectUri,
      authorizeMethod: request.authorizeMethod,
      scopes: request.scopes,
      state: request.state,
      nonce: request.nonce,
      codeChallenge: request.codeChallenge,
      codeChallengeMethod: request.codeChallengeMethod,
      locale: request.locale,
      policy: request.policy,
      orgSlug: request.orgSlug,
      prompt: request.prompt.join(' '),
      maxAge: request.maxAge,
      loginHint: request.loginHint,
      expiresAt: new Date(Date.now() + FLOW_LIFETIME_SECONDS * 1000),
    },
    sessionUsable ? session : null,
  );
}

/**
 * /identity/v1/device: the user typed the code their device shows. Runs the ordinary sign-in and
 * consent steps for the device's client and scopes; completing them approves the device instead
 * of issuing a code. Consent is asked every time (prompt=consent) unless the app skips consent:
 * the user must see which app the device is, or a phished code would connect silently.
 */
export async function startDeviceVerification(userCode: string, context: { ssoToken?: string; locale: string }): Promise<FlowOutcome> {
  const device = await findPendingDeviceAuthorization(userCode);
  // One answer for unknown, expired and already decided codes: nothing to learn by guessing.
  if (!device) throw new AppError(IdentityErrors.invalid_user_code);
  const { supportedLocales, defaultLocale } = config();
  return openFlow(
    {
      appId: device.appId,
      deviceAuthorizationId: device.id,
      redirectUri: '',
      scopes: device.scopes,
      state: '',
      codeChallenge: '',
      codeChallengeMethod: '',
      locale: supportedLocales.includes(context.locale) ? context.locale : defaultLocale,
      prompt: 'consent',
      // The request cannot outlive the code the device is polling with.
      expiresAt: device.expiresAt,
    },
    await findSsoSession(context.ssoToken),
  );
}

type FlowFields = Omit<Prisma.AuthorizationRequestUncheckedCreateInput, 'id' | 'bindingHash' | 'userId' | 'authTime' | 'amr' | 'ssoSessionId'>;

/** Records a request bound to this browser (signed in already when a usable session is given) and advances it. */
async function openFlow(fields: FlowFields, session: Awaited<ReturnType<typeof findSsoSession>>): Promise<FlowOutcome> {
  const bindingSecret = randomToken(32);
  const row = await db.authorizationRequest.create({
    data: {
      ...fields,
      bindingHash: sha256(bindingSecret),
      ...(session ? { userId: session.userId, authTime: session.authTime, amr: session.amr, ssoSessionId: session.id } : {}),
    },
    include: { app: true },
  });
  const outcome = await advance(row);
  const finished = outcome.cookies.some((cookie) => cookie.name === requestCookieName(row.id));
  const lifetime = Math.ceil((row.expiresAt.getTime() - Date.now()) / 1000);
  return finished ? outcome : { ...outcome, cookies: [requestCookie(row.id, bindingSecret, lifetime), ...outcome.cookies] };
}

/** Loads a request and checks that this browser started it. */
export async function loadFlow(requestId: string | undefined, bindingSecret: string | undefined): Promise<FlowRow> {
  if (!requestId || !UUID_PATTERN.test(requestId)) throw new AppError(AuthorizePageErrors.request_not_found);
  const row = await db.authorizationRequest.findUnique({ where: { id: requestId }, include: { app: true } });
  if (!row) throw new AppError(AuthorizePageErrors.request_not_found);
  // Before the binding check: the binding cookie expires with the request, and the page for an
  // expired request tells the user how to start again (auth-code-expired). A request ended by
  // too many wrong codes (code-attempts.ts) keeps answering 429 too_many_attempts.
  if (row.expiresAt.getTime() <= Date.now()) {
    throw new AppError((await requestCodeAttemptsExhausted(row.id)) ? IdentityErrors.too_many_attempts : AuthorizePageErrors.request_expired);
  }
  if (!bindingSecret || !safeEqual(sha256(bindingSecret), row.bindingHash)) throw new AppError(AuthorizePageErrors.request_not_found);
  if (!row.app.isActive) throw new AppError(AuthorizePageErrors.invalid_client);
  return row;
}

async function needsConsent(row: FlowRow): Promise<boolean> {
  if (!config().enableUserAppConsent || row.app.skipConsent || row.completedSteps.includes('consent')) return false;
  // No tokens come out of a deletion: nothing to consent to.
  if (row.policy === 'delete_account') return false;
  if (row.prompt.split(' ').includes('consent')) return true;
  const consent = await db.consent.findUnique({ where: { userId_appId: { userId: row.userId!, appId: row.appId } } });
  return !consent || row.scopes.some((scope) => !consent.scopes.includes(scope));
}

/** The first step this request has not completed, or null when a code may be issued. */
export async function currentStep(row: FlowRow): Promise<FlowStep | null> {
  if (!row.userId) return (await awaitsPasswordlessCode(row)) ? 'passwordless_verify' : 'sign_in';
  if (await needsEmailVerification(row)) return 'verify_email';
  if (await needsConsent(row)) return 'consent';
  const mfa = await mfaStep(row);
  if (mfa) return mfa;
  // Passkey and recovery-code enrollment (lib/passkeys/steps.ts), then the org choice and the
  // policy page (lib/identity/policies/steps.ts).
  const enrollment = await enrollmentStep(row);
  if (enrollment) return enrollment;
  return postSignInStep(row);
}

const STEP_PATHS: Record<FlowStep, string> = {
  sign_in: 'sign-in',
  passwordless_verify: 'passwordless-verify',
  verify_email: 'verify-email',
  consent: 'consent',
  ...MFA_STEP_PATHS,
  ...PASSKEY_STEP_PATHS,
  ...POST_SIGN_IN_PATHS,
};

export function stepLocation(step: FlowStep, row: FlowRow): string {
  return withQuery(`${config().authServerUrl}/identity/v1/${STEP_PATHS[step]}`, { request: row.id, locale: row.locale });
}

export function endOfFlowCookies(row: FlowRow): CookieSpec[] {
  return [expiredCookie(requestCookieName(row.id), REQUEST_COOKIE_PATH)];
}

function responseTarget(row: FlowRow): ResponseTarget {
  return { redirectUri: row.redirectUri, method: row.authorizeMethod === 'popup' ? 'popup' : 'redirect', locale: row.locale };
}

/** The page that tells the user the device's fate (they have no app to return to). */
function deviceResultLocation(result: 'approved' | 'denied', row: FlowRow): string {
  return withQuery(`${config().authServerUrl}/identity/v1/device/complete`, { result, locale: row.locale });
}

/** Ends a device request with the user's decision, once, while the device code is still live. */
async function finishDeviceFlow(row: FlowRow, approved: boolean): Promise<FlowOutcome> {
  await transaction(async (tx) => {
    const deleted = await tx.authorizationRequest.deleteMany({ where: { id: row.id } });
    if (deleted.count === 0) throw new AppError(AuthorizePageErrors.request_not_found);
    const decision = approved ? { approved: true as const, userId: row.userId!, authTime: row.authTime!, amr: row.amr } : { approved: false as const };
    if (!(await decideDeviceAuthorization(tx, row.deviceAuthorizationId!, decision))) throw new AppError(AuthorizePageErrors.request_expired);
  });
  return { location: deviceResultLocation(approved ? 'approved' : 'denied', row), cookies: endOfFlowCookies(row) };
}

/** Sends the request to its next step, or issues the code and returns to the client. */
export async function advance(row: FlowRow): Promise<FlowOutcome> {
  const step = await currentStep(row);
  const promptNone = row.prompt.split(' ').includes('none');
  if (step && promptNone) {
    const error = step === 'sign_in' ? 'login_required' : step === 'consent' ? 'consent_required' : 'interaction_required';
    await db.authorizationRequest.delete({ where: { id: row.id } });
    return { location: authorizeErrorLocation(responseTarget(row), error, OAuthErrors[error].message, row.state), cookies: endOfFlowCookies(row) };
  }
  if (step) return { location: stepLocation(step, row), cookies: [] };
  if (row.deviceAuthorizationId) return finishDeviceFlow(row, true);

  const code = await transaction(async (tx) => {
    // Deleting first makes completion single-use even if two submissions race.
    const deleted = await tx.authorizationRequest.deleteMany({ where: { id: row.id } });
    if (deleted.count === 0) throw new AppError(AuthorizePageErrors.request_not_found);
    return issueAuthorizationCode(tx, {
      appId: row.appId,
      userId: row.userId!,
      redirectUri: row.redirectUri,
      scopes: row.scopes,
      nonce: row.nonce,
      codeChallenge: row.codeChallenge,
      codeChallengeMethod: row.codeChallengeMethod,
      authTime: row.authTime!,
      amr: row.amr,
      orgSlug: row.orgSlug,
      ssoSessionId: row.ssoSessionId,
    });
  });
  const location = authorizeResponseLocation(responseTarget(row), {
    code,
    state: row.state,
    iss: config().issuer,
    locale: row.locale,
    org: row.orgSlug || undefined,
  });
  return { location, cookies: endOfFlowCookies(row) };
}

async function requireStep(row: FlowRow, expected: FlowStep) {
  if ((await currentStep(row)) !== expected) throw new AppError(IdentityErrors.wrong_step);
}

/** The request of this browser, provided `step` is its current step (else wrong_step). */
export async function loadStep(context: Pick<BrowserContext, 'requestId' | 'bindingSecret'>, step: FlowStep): Promise<FlowRow> {
  const row = await loadFlow(context.requestId, context.bindingSecret);
  await requireStep(row, step);
  return row;
}

/**
 * Marks `step` completed, together with the step's own writes (`write`, same transaction), and
 * moves the request on. A second submission of the same step fails with wrong_step.
 */
export async function completeStep(row: FlowRow, step: FlowStep, write?: (tx: Tx) => Promise<void>): Promise<FlowOutcome> {
  const updated = await transaction(async (tx) => {
    const marked = await tx.authorizationRequest.updateMany({
      where: { id: row.id, NOT: { completedSteps: { has: step } } },
      data: { completedSteps: { push: step } },
    });
    if (marked.count === 0) throw new AppError(IdentityErrors.wrong_step);
    await write?.(tx);
    return tx.authorizationRequest.findUniqueOrThrow({ where: { id: row.id }, include: { app: true } });
  });
  return advance(updated);
}

/** Ends the request with access_denied at the client: the user declined what it asked for. */
export async function denyFlow(row: FlowRow, description: string): Promise<FlowOutcome> {
  if (row.deviceAuthorizationId) return finishDeviceFlow(row, false);
  const deleted = await db.authorizationRequest.deleteMany({ where: { id: row.id } });
  if (deleted.count === 0) throw new AppError(AuthorizePageErrors.request_not_found);
  return { location: authorizeErrorLocation(responseTarget(row), 'access_denied', description, row.state), cookies: endOfFlowCookies(row) };
}

export interface BrowserContext {
  requestId: string;
  bindingSecret: string | undefined;
  userAgent: string;
  ip: string;
}

/** Email + password step. Starts the SSO session that later requests from any app reuse. */
export async function signInWithPassword(context: BrowserContext, credentials: { email: string; password: string }): Promise<FlowOutcome> {
  const row = await loadFlow(context.requestId, context.bindingSecret);
  await requireStep(row, 'sign_in');
  if (!config().enablePasswordSignIn) throw new AppError(IdentityErrors.password_sign_in_disabled);
  let user: User;
  try {
    user = await authenticateWithPassword(credentials.email, credentials.password, { ip: context.ip });
  } catch (error) {
    if (isAppError(error)) await recordRefusedSignIn(row, context, { method: 'password', email: credentials.email, reason: error.code });
    throw error;
  }
  return completeSignIn(row, context, { amr: ['pwd'], method: 'password' }, user);
}

/** A refused credential in the sign-in log, against the account `email` names when it exists. */
export async function recordRefusedSignIn(
  row: Pick<FlowRow, 'appId'>,
  context: Pick<BrowserContext, 'ip' | 'userAgent'>,
  attempt: { method: SignInMethod; email: string | null; reason: string },
): Promise<void> {
  if (!isSignInLogOn()) return;
  const user = attempt.email && isEmailAddress(attempt.email) ? await findLocalUserByEmail(attempt.email) : null;
  await recordSignInEvent({ appId: row.appId, user, email: attempt.email, method: attempt.method, success: false, reason: attempt.reason, ip: context.ip, userAgent: context.userAgent });
}

/**
 * Signs a user in on this request, for every credential step (password, sign-up, passwordless):
 * starts the SSO session that later requests from any app reuse and records who and how, in one
 * transaction with the step's own writes (`user` may create or update the account in it); then
 * writes the sign-in log, runs the afterSignIn hooks and moves the request on. Offers the
 * verification code when the next step is a required email verification.
 */
export async function completeSignIn(
  row: FlowRow,
  context: BrowserContext,
  how: { amr: string[]; method: SignInMethod },
  user: User | ((tx: Tx) => Promise<User>),
): Promise<FlowOutcome> {
  const authTime = new Date();
  const { signedIn, updated, session } = await transaction(async (tx) => {
    const signedIn = typeof user === 'function' ? await user(tx) : user;
    const session = await startSsoSession(tx, { userId: signedIn.id, authTime, amr: how.amr, userAgent: context.userAgent, ip: context.ip });
    const updated = await tx.authorizationRequest.update({
      where: { id: row.id },
      data: { userId: signedIn.id, authTime, amr: how.amr, ssoSessionId: session?.id ?? null },
      include: { app: true },
    });
    return { signedIn, updated, session };
  });
  await recordSignInEvent({ appId: updated.appId, user: signedIn, method: how.method, success: true, reason: '', ip: context.ip, userAgent: context.userAgent });
  await runAfterSignIn({ user: toHookUser(signedIn), app: toHookApp(updated.app), method: how.method, authTime, ip: context.ip, userAgent: context.userAgent });
  if ((await currentStep(updated)) === 'verify_email') await offerVerificationCode(updated, signedIn, context.ip);
  const outcome = await advance(updated);
  return session ? { ...outcome, cookies: [...outcome.cookies, ssoCookie(session.token, config().serverSessionExpiresIn)] } : outcome;
}

export async function getConsentView(requestId: string | undefined, bindingSecret: string | undefined) {
  const row = await loadFlow(requestId, bindingSecret);
  const step = await currentStep(row);
  if (step !== 'consent') return { redirectTo: step ? stepLocation(step, row) : null, appName: row.app.name, scopes: [], locale: row.locale };
  const { defaultLocale } = config();
  return {
    redirectTo: null,
    appName: row.app.name,
    orgSlug: row.orgSlug,
    scopes: await describeScopes(row.scopes, row.locale, defaultLocale),
    locale: row.locale,
  };
}

export async function getSignInView(requestId: string | undefined, bindingSecret: string | undefined) {
  const row = await loadFlow(requestId, bindingSecret);
  const step = await currentStep(row);
  return {
    redirectTo: step === 'sign_in' ? null : step ? stepLocation(step, row) : null,
    appName: row.app.name,
    appId: row.appId,
    orgSlug: row.orgSlug,
    locale: row.locale,
    loginHint: row.loginHint,
    policy: row.policy,
    enablePasswordSignIn: config().enablePasswordSignIn,
  };
}

/** Consent step: "allow" remembers the scopes for this user and app; "deny" ends the request. */
export async function decideConsent(context: BrowserContext, decision: 'allow' | 'deny'): Promise<FlowOutcome> {
  const row = await loadFlow(context.requestId, context.bindingSecret);
  await requireStep(row, 'consent');
  if (decision === 'deny') {
    if (row.deviceAuthorizationId) return finishDeviceFlow(row, false);
    await db.authorizationRequest.delete({ where: { id: row.id } });
    return {
      location: authorizeErrorLocation(responseTarget(row), 'access_denied', 'The user denied the request.', row.state),
      cookies: endOfFlowCookies(row),
    };
  }
  const updated = await transaction(async (tx) => {
    const existing = await tx.consent.findUnique({ where: { userId_appId: { userId: row.userId!, appId: row.appId } } });
    const scopes = [...new Set([...(existing?.scopes ?? []), ...row.scopes])];
    await tx.consent.upsert({
      where: { userId_appId: { userId: row.userId!, appId: row.appId } },
      create: { userId: row.userId!, appId: row.appId, scopes },
      update: { scopes },
    });
    return tx.authorizationRequest.update({
      where: { id: row.id },
      data: { completedSteps: { push: 'consent' } },
      include: { app: true },
    });
  });
  return advance(updated);
}
