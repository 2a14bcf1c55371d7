import { config } from '@/lib/config';
import { safeEqual, sha256 } from '@/lib/crypto/tokens';
import { db, transaction, type Tx } from '@/lib/db';
import type { User } from '@/lib/db/generated/client';
import { AppError, type ErrorDefinition } from '@/lib/errors';
import { expiredCookie, REQUEST_COOKIE_PATH, requestCookieName, type CookieSpec } from './cookies';
import { FlowErrors } from './errors';
import { currentStep } from './machine';
import type { FlowContext, FlowEnding, FlowHandle, FlowOutcome, FlowRow, FlowStep, FlowSurface, MachineDefinition, SignInMethodResult } from './types';

/** How long a user may take to finish signing in on the hosted pages once /authorize was called. */
export const FLOW_LIFETIME_SECONDS = 1800;

type EndedEarly = MachineDefinition['endedEarly'];

/** The error for an expired request: why it ended early, or the surface's plain expiry. */
async function expired(row: FlowRow, endedEarly: EndedEarly, plain: ErrorDefinition): Promise<AppError> {
  return new AppError((await endedEarly?.(row)) ?? plain);
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Embedded session ids: 32 random bytes, base64url (lib/sign-in/embedded.ts). */
const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Marker in completedSteps of a sign-in that was multi-factor by itself (passkey, recovery code:
 * SignInMethodResult.fullyAuthorized). Its stored value predates the name.
 */
export const FULLY_AUTHORIZED = 'mfa_satisfied';

export function isFullyAuthorized(row: Pick<FlowRow, 'completedSteps'>): boolean {
  return row.completedSteps.includes(FULLY_AUTHORIZED);
}

/** Whether the request's user signed in during the request itself (not through a reused SSO session). */
export function signedInDuringRequest(row: Pick<FlowRow, 'authTime' | 'createdAt' | 'amr'>): boolean {
  return row.authTime !== null && row.authTime.getTime() >= row.createdAt.getTime() && row.amr.length > 0;
}

async function loadHosted(requestId: string | undefined, bindingSecret: string | undefined, endedEarly?: EndedEarly): Promise<FlowRow> {
  if (!requestId || !UUID_PATTERN.test(requestId)) throw new AppError(FlowErrors.request_not_found);
  const row = await db.authorizationRequest.findUnique({ where: { id: requestId }, include: { app: true } });
  if (!row || row.surface !== 'hosted') throw new AppError(FlowErrors.request_not_found);
  // Before the binding check: the binding cookie expires with the request, and the page for an
  // expired request tells the user how to start again (auth-code-expired).
  if (row.expiresAt.getTime() <= Date.now()) throw await expired(row, endedEarly, FlowErrors.request_expired);
  if (!bindingSecret || !safeEqual(sha256(bindingSecret), row.bindingHash)) throw new AppError(FlowErrors.request_not_found);
  if (!row.app.isActive) throw new AppError(FlowErrors.invalid_client);
  return row;
}

async function loadEmbedded(sessionId: string, endedEarly?: EndedEarly): Promise<FlowRow> {
  if (!SESSION_ID_PATTERN.test(sessionId)) throw new AppError(FlowErrors.session_not_found);
  const hash = sha256(sessionId);
  const row = await db.authorizationRequest.findFirst({ where: { bindingHash: hash, surface: 'embedded' }, include: { app: true } });
  if (!row) {
    // A finished session lives on as its authorization code until token-exchange: another step
    // on it is a replay, not an unknown session.
    if (await db.authorizationCode.count({ where: { codeHash: hash, usedAt: null } })) throw new AppError(FlowErrors.wrong_step);
    throw new AppError(FlowErrors.session_not_found);
  }
  if (row.expiresAt.getTime() <= Date.now()) throw await expired(row, endedEarly, FlowErrors.session_expired);
  if (!row.app.isActive) throw new AppError(FlowErrors.invalid_client);
  return row;
}

/** The request a locator names (hosted request id + binding secret, or embedded session id), without its step. */
export function loadRequest(locator: Pick<FlowContext, 'requestId' | 'bindingSecret' | 'sessionId'>, endedEarly?: EndedEarly): Promise<FlowRow> {
  return locator.sessionId !== undefined ? loadEmbedded(locator.sessionId, endedEarly) : loadHosted(locator.requestId, locator.bindingSecret, endedEarly);
}

/** Loads the request a context names and computes its current step, once. */
export async function openFlow(context: FlowContext): Promise<Flow> {
  return Flow.at(context, await loadRequest(context, context.machine.definition.endedEarly));
}

/** The request a context names, provided its current step is one of `steps` (else wrong_step). */
export async function openStep(context: FlowContext, steps: string | readonly string[]): Promise<Flow> {
  const flow = await openFlow(context);
  const accepted = typeof steps === 'string' ? [steps] : steps;
  if (!flow.step || !accepted.includes(flow.step.name)) throw new AppError(FlowErrors.wrong_step);
  return flow;
}

const loadUserOf = (row: FlowRow) => () => (row.userId ? db.user.findUnique({ where: { id: row.userId } }) : Promise.resolve(null));

/**
 * A loaded request at its current step. Actions move it on with complete / signIn / advance /
 * deny; each transition computes the next step once and returns the outcome the surface adapter
 * turns into a redirect (hosted) or `{ nextStep }` (embedded).
 */
export class Flow implements FlowHandle {
  private constructor(
    readonly context: FlowContext,
    readonly row: FlowRow,
    readonly step: FlowStep | null,
  ) {}

  static async at(context: FlowContext, row: FlowRow): Promise<Flow> {
    return new Flow(context, row, await currentStep(context.machine, row, loadUserOf(row)));
  }

  get surface(): FlowSurface {
    return this.row.surface as FlowSurface;
  }

  private userPromise: Promise<User> | null = null;

  /** The signed-in user (a request past sign-in whose user is gone is gone too). */
  user(): Promise<User> {
    this.userPromise ??= loadUserOf(this.row)().then((user) => {
      if (!user) throw new AppError(this.surface === 'embedded' ? FlowErrors.session_not_found : FlowErrors.request_not_found);
      return user;
    });
    return this.userPromise;
  }

  /** The hosted page of `step` for this request; '' for embedded sessions. */
  locationOf(step: FlowStep | string): string {
    if (this.surface !== 'hosted') return '';
    const page = typeof step === 'string' ? this.context.machine.step(step).page : step.page;
    const url = new URL(`${config().authServerUrl}/identity/v1/${page}`);
    url.searchParams.set('request', this.row.id);
    url.searchParams.set('locale', this.row.locale);
    return url.toString();
  }

  /** The request stays where it is (an action that changed something on the current page). */
  stay(): FlowOutcome {
    return { next: this.step?.name ?? null, location: this.step ? this.locationOf(this.step) : '', cookies: [] };
  }

  /** Embedded sessions live AUTHORIZATION_CODE_EXPIRES_IN from their last step (Melody re-stores the session on each step). */
  private renewal() {
    return this.surface === 'embedded' ? { expiresAt: new Date(Date.now() + config().authorizationCodeExpiresIn * 1000) } : {};
  }

  private gone(): AppError {
    return new AppError(this.surface === 'embedded' ? FlowErrors.session_not_found : FlowErrors.request_not_found);
  }

  /**
   * Marks `step` (default: the current one) done, together with the step's own writes (same
   * transaction), and moves on. A second submission of the same step fails with wrong_step.
   */
  async complete(step: string = this.requireStep(), write?: (tx: Tx) => Promise<void>): Promise<FlowOutcome> {
    const updated = await transaction(async (tx) => {
      const marked = await tx.authorizationRequest.updateMany({
        where: { id: this.row.id, NOT: { completedSteps: { has: step } } },
        data: { completedSteps: { push: step }, ...this.renewal() },
      });
      if (marked.count === 0) throw new AppError(FlowErrors.wrong_step);
      await write?.(tx);
      return tx.authorizationRequest.findUniqueOrThrow({ where: { id: this.row.id }, include: { app: true } });
    });
    return this.moveOn(updated, 'step');
  }

  /** Re-evaluates the table after the action's own writes, without marking a step (e.g. a passwordless code sent). */
  async advance(): Promise<FlowOutcome> {
    const row = await db.authorizationRequest.findUnique({ where: { id: this.row.id }, include: { app: true } });
    if (!row) throw this.gone();
    return this.moveOn(row, 'step');
  }

  /**
   * Signs a user in on this request, for every credential (password, sign-up, passwordless,
   * passkey, recovery code, external providers): in one transaction the credential's own writes
   * (`user` may create or update the account), the registered sign-in participants (SSO session,
   * vetoes) and the request; then the participants' after-commit work (sign-in log, hooks) and
   * the next step.
   */
  async signIn(how: SignInMethodResult, user: User | ((tx: Tx) => Promise<User>)): Promise<FlowOutcome> {
    const authTime = new Date();
    const participants = this.context.machine.definition.signIn;
    const cookies: CookieSpec[] = [];
    const { signedIn, updated } = await transaction(async (tx) => {
      const signedIn = typeof user === 'function' ? await user(tx) : user;
      let ssoSessionId: string | null = null;
      for (const participant of participants) {
        const result = await participant.write?.(tx, { flow: this, user: signedIn, how, authTime });
        if (result?.ssoSessionId) ssoSessionId = result.ssoSessionId;
        if (result?.cookies) cookies.push(...result.cookies);
      }
      const updated = await tx.authorizationRequest.update({
        where: { id: this.row.id },
        data: {
          userId: signedIn.id,
          authTime,
          amr: how.amr,
          ssoSessionId,
          ...this.renewal(),
          ...(how.fullyAuthorized ? { completedSteps: { push: FULLY_AUTHORIZED } } : {}),
        },
        include: { app: true },
      });
      return { signedIn, updated };
    });
    const flow = new Flow(this.context, updated, null);
    for (const participant of participants) await participant.after?.({ flow, user: signedIn, how, authTime });
    const outcome = await this.moveOn(updated, 'sign_in');
    return { ...outcome, cookies: [...outcome.cookies, ...cookies] };
  }

  /**
   * Forgets who signed in on this request and every step done: the user signs in again (with MFA,
   * as the steps ask) before going on. For a sensitive policy whose sign-in grew too old.
   */
  async restartSignIn(): Promise<FlowOutcome> {
    const restarted = await db.authorizationRequest.updateMany({
      where: { id: this.row.id, userId: this.row.userId },
      data: { userId: null, authTime: null, amr: [], ssoSessionId: null, completedSteps: [], ...this.renewal() },
    });
    if (restarted.count === 0) throw this.gone();
    return this.advance();
  }

  /** Ends the request with access_denied at the client (the user declined), or a device denied. */
  deny(description: string): Promise<FlowOutcome> {
    return this.end({ kind: 'denied', description });
  }

  private requireStep(): string {
    if (!this.step) throw new AppError(FlowErrors.wrong_step);
    return this.step.name;
  }

  /** The next step of `row` (computed once), or the end of the request. */
  private async moveOn(row: FlowRow, cause: 'sign_in' | 'step'): Promise<FlowOutcome> {
    const next = await Flow.at(this.context, row);
    if (!next.step) return next.end({ kind: 'completed' });
    if (row.prompt.split(' ').includes('none')) return next.end({ kind: 'interaction_required', error: next.step.promptNone ?? 'interaction_required' });
    if (next.step.enter) {
      try {
        const passed = await next.step.enter(next, cause);
        if (passed) return passed;
      } catch (error) {
        console.warn(`[tessera] entering step ${next.step.name} failed`, error instanceof AppError ? error.code : error);
      }
    }
    return { next: next.step.name, location: next.locationOf(next.step), cookies: [] };
  }

  /** Ends the request once (its row is deleted in the same transaction) as the machine defines. */
  async end(ending: FlowEnding): Promise<FlowOutcome> {
    const result = await transaction(async (tx) => {
      const deleted = await tx.authorizationRequest.deleteMany({ where: { id: this.row.id } });
      if (deleted.count === 0) throw this.gone();
      return this.context.machine.definition.end(tx, this, ending);
    });
    const cookies = this.surface === 'hosted' ? [expiredCookie(requestCookieName(this.row.id), REQUEST_COOKIE_PATH)] : [];
    return { next: null, location: result.location, cookies: [...cookies, ...(result.cookies ?? [])] };
  }
}

/** The next step of a request that was just created (authorize, device, embedded initiate): the step, or its end. */
export async function startFlow(context: FlowContext, row: FlowRow): Promise<FlowOutcome> {
  const flow = await Flow.at(context, row);
  if (!flow.step) return flow.end({ kind: 'completed' });
  if (row.prompt.split(' ').includes('none')) return flow.end({ kind: 'interaction_required', error: flow.step.promptNone ?? 'interaction_required' });
  return { next: flow.step.name, location: flow.locationOf(flow.step), cookies: [] };
}

export function isFlowOutcome(value: unknown): value is FlowOutcome {
  return typeof value === 'object' && value !== null && 'next' in value && 'location' in value && Array.isArray((value as FlowOutcome).cookies);
}

/**
 * An action of a step: callable as `(context, input)`, it loads the request, checks that its
 * current step is one the action belongs to (wrong_step otherwise: no step can be skipped or
 * replayed by calling an endpoint) and runs. `steps` may be a predicate for actions whose
 * availability depends on more than the step (the email fallback of TOTP / SMS).
 */
export function defineAction<I, R>(spec: {
  steps: string | readonly string[] | ((flow: Flow) => boolean | Promise<boolean>);
  run: (flow: Flow, input: I) => Promise<R>;
}): (context: FlowContext, input: I) => Promise<R> {
  return async (context, input) => {
    const flow = await openFlow(context);
    const accepted =
      typeof spec.steps === 'function'
        ? await spec.steps(flow)
        : flow.step !== null && (typeof spec.steps === 'string' ? spec.steps === flow.step.name : spec.steps.includes(flow.step.name));
    if (!accepted) throw new AppError(FlowErrors.wrong_step);
    return spec.run(flow, input);
  };
}
