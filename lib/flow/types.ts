import type { Tx } from '@/lib/db';
import type { App, AuthorizationRequest, User } from '@/lib/db/generated/client';
import type { ErrorDefinition } from '@/lib/errors';
import type { CookieSpec } from './cookies';

/** An in-progress sign-in request (the AuthorizationRequest row) with its app. */
export type FlowRow = AuthorizationRequest & { app: App };

/** hosted: the /identity/v1 pages, bound to a browser by cookie. embedded: /embedded-auth/v1, bound to its session id. */
export type FlowSurface = 'hosted' | 'embedded';

/**
 * Who is driving a request, as the surface adapter saw it: which request (the hosted request id
 * and this browser's binding secret, or the embedded session id), from where, and the machine
 * (the step table) to drive it with. Built by the adapters (lib/sign-in), never by capabilities.
 */
export interface FlowContext {
  machine: FlowMachine;
  requestId?: string;
  bindingSecret?: string;
  sessionId?: string;
  ip: string;
  userAgent: string;
  /** A cookie of the HTTP request (remembered devices), when the surface has cookies. */
  cookie?: (name: string) => string | undefined;
}

/** Where a request stands after an action: its next step (null once it ended) and, hosted, where the browser goes. */
export interface FlowOutcome {
  next: string | null;
  /** Hosted: the next step's page or the client's redirect URI. Embedded: ''. */
  location: string;
  cookies: CookieSpec[];
  /** What the action hands the user besides moving on (a recovery sign-in's next code), added to the answer's body. */
  data?: Record<string, unknown>;
}

/**
 * What a step's guard reads: the request, and loaders shared by every guard of one evaluation so
 * that the table costs one query per kind of fact, not one per step.
 */
export interface StepFacts {
  row: FlowRow;
  /** The request's user (null before sign-in or when deleted meanwhile). */
  user(): Promise<User | null>;
  /** A value loaded once per evaluation under `key` (e.g. the user's MFA state). */
  memo<T>(key: string, load: () => Promise<T>): Promise<T>;
}

/**
 * One step of the sign-in, registered by the capability that owns it (lib/sign-in/steps.ts puts
 * the registrations in order). The current step of a request is the first one, in table order,
 * of its phase whose guard applies; a request with no step left ends (code, device decision).
 */
export interface FlowStep {
  /** Melody's view name: the embedded API's `nextStep` and the marker in completedSteps. */
  name: string;
  /** Hosted page, under /identity/v1/. */
  page: string;
  /** identify: considered while no user is set on the request (sign-in methods); account: afterwards. */
  phase: 'identify' | 'account';
  /** Does the step apply to this request now? Must not write. */
  applies(facts: StepFacts): boolean | Promise<boolean>;
  /** The OAuth error a prompt=none request gets when it would need this step (default interaction_required). */
  promptNone?: 'login_required' | 'consent_required' | 'interaction_required';
  /**
   * Runs when an action moves a request onto this step (not when a request starts there): side
   * effects such as emailing the verification code, or passing the step at once by returning the
   * outcome of that (a remembered device). Best effort: errors are logged and the request simply
   * stays at the step.
   */
  enter?(flow: FlowHandle, cause: 'sign_in' | 'step'): Promise<FlowOutcome | void>;
}

/** How a credential signed the user in. */
export interface SignInMethodResult {
  /** RFC 8176 amr values of the credential. */
  amr: string[];
  /** The sign-in log's method (password, sign_up, passwordless, magic_link, passkey, recovery_code, …). */
  method: string;
  /**
   * The credential is multi-factor by itself (passkey, recovery code; Melody's "fully
   * authorized"): the steps that ask for a second factor or an enrollment skip this request.
   */
  fullyAuthorized?: boolean;
}

export interface SignInEvent {
  flow: FlowHandle;
  user: User;
  how: SignInMethodResult;
  authTime: Date;
}

/**
 * Something every sign-in does, whatever the credential (registered once in lib/sign-in): start
 * the SSO session, write the sign-in log, run hooks, or veto the sign-in.
 */
export interface SignInParticipant {
  name: string;
  /**
   * In the sign-in transaction, after the credential's own writes. Throwing an AppError refuses
   * the sign-in and rolls everything back (a pre-sign-in veto, e.g. with a localized message).
   * May return the SSO session the request now belongs to and cookies to set.
   */
  write?(tx: Tx, event: SignInEvent): Promise<{ ssoSessionId?: string; cookies?: CookieSpec[] } | void>;
  /** After the commit (sign-in log, hooks): awaited; errors are the participant's to handle. */
  after?(event: SignInEvent): Promise<void>;
}

/** How a request ended: the last step was done, the user declined, or prompt=none needed a step. */
export type FlowEnding =
  | { kind: 'completed' }
  | { kind: 'denied'; description: string }
  | { kind: 'interaction_required'; error: 'login_required' | 'consent_required' | 'interaction_required' };

export interface MachineDefinition {
  /** Every step, in order. */
  steps: readonly FlowStep[];
  /** Run by every sign-in, in this order. */
  signIn: readonly SignInParticipant[];
  /**
   * Ends a request: runs in the transaction that deletes its row (so an ending happens once) and
   * does what the ending means for the request's kind (issue the code, decide the device,
   * answer the client with an error). Returns where the browser goes (hosted) and cookies.
   */
  end(tx: Tx, flow: FlowHandle, ending: FlowEnding): Promise<{ location: string; cookies?: CookieSpec[] }>;
  /**
   * Why an expired request ended before its time (a capability cut it short, e.g. after too many
   * wrong codes): the error to answer instead of request_expired / session_expired; null for a
   * plain expiry.
   */
  endedEarly?(row: FlowRow): Promise<ErrorDefinition | null>;
}

export interface FlowMachine {
  readonly steps: readonly FlowStep[];
  readonly definition: MachineDefinition;
  step(name: string): FlowStep;
}

/** A loaded request at its current step, as actions and views see it (lib/flow/flow.ts). */
export interface FlowHandle {
  readonly context: FlowContext;
  readonly row: FlowRow;
  /** The current step, computed once when the request was loaded (null: nothing left). */
  readonly step: FlowStep | null;
  readonly surface: FlowSurface;
  user(): Promise<User>;
}
