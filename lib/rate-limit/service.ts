// Brute-force protection with Melody Auth's thresholds (contract §4 "Brute force", §6 "Lockout /
// throttles") over the shared counter store (lib/kv: Redis when REDIS_URL is set, else PostgreSQL).
//
// A subject is an account (normalized email or user id) plus the client IP from lib/http/request
// clientIp(): Melody keys on email/user + IP. The IP is the connection's under npm run serve, the
// TRUSTED_PROXY_HEADER's behind a proxy; otherwise it is '' and every counter is per account (any
// client can forge forwarding headers, so they are not trusted). IPv6 clients are keyed by their
// /64 (one subscriber usually holds a whole /64 and can pick any address in it).
//
// Every count is one atomic increment whose returned value decides (INSERT … ON CONFLICT …
// RETURNING in PostgreSQL, INCR in Redis), never a value read beforehand, so concurrent requests
// cannot slip past a threshold:
//   - checkAndCount(): count this attempt and refuse it if it is over the threshold. For sends
//     (emails, SMS) and password attempts (cleared on success, see lockout.ts).
//   - claimAttempt(): the same for a code about to be judged; a right code gives its attempt back
//     (release), so only wrong ones stay counted.
//   - claimRequestCodeAttempt(): the attempts of one sign-in request's step (issue 12: 5 per step).
import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { config, type Config } from '@/lib/config';
import { counterStore, type CounterValue } from '@/lib/kv';
import { RateLimitError, RateLimitErrors } from './errors';
import { count } from '@/lib/observability/metrics';

const MINUTES_30 = 1800;

interface KindDefinition {
  /** Melody's KV key prefix, kept so operators recognize the counters. */
  code: string;
  threshold: (c: Config) => number;
  /** Window in seconds; 0 = the counter never expires (until cleared). */
  windowSeconds: (c: Config) => number;
  /** Whether the client IP is part of the key (Melody: all but change-email sends). */
  perIp: boolean;
  /** Error when the threshold is reached. */
  error: typeof RateLimitErrors.too_many_requests | typeof RateLimitErrors.account_locked;
}

const KINDS = {
  /** Failed password sign-ins per email + IP (ACCOUNT_LOCKOUT_*). */
  sign_in: {
    code: 'FLA',
    threshold: (c) => c.accountLockoutThreshold,
    windowSeconds: (c) => c.accountLockoutExpiresIn,
    perIp: true,
    error: RateLimitErrors.account_locked,
  },
  /** Password reset emails per email + IP, per day. */
  password_reset_email: {
    code: 'PRA',
    threshold: (c) => c.passwordResetEmailThreshold,
    windowSeconds: () => 86400,
    perIp: true,
    error: RateLimitErrors.too_many_requests,
  },
  /** Wrong password reset codes per user + IP. */
  password_reset_code: {
    code: 'FPRCA',
    threshold: (c) => c.passwordResetCodeThreshold,
    windowSeconds: () => MINUTES_30,
    perIp: true,
    error: RateLimitErrors.too_many_requests,
  },
  /** Wrong change-email codes per user + IP. */
  change_email_code: {
    code: 'FCECA',
    threshold: (c) => c.changeEmailCodeThreshold,
    windowSeconds: () => MINUTES_30,
    perIp: true,
    error: RateLimitErrors.too_many_requests,
  },
  /** Wrong email verification codes per user + IP. */
  email_verification_code: {
    code: 'FEVCA',
    threshold: (c) => c.emailVerificationCodeThreshold,
    windowSeconds: () => MINUTES_30,
    perIp: true,
    error: RateLimitErrors.too_many_requests,
  },
  /** Wrong MFA codes (email + SMS + TOTP + passwordless combined) per user + IP. */
  mfa_code: {
    code: 'FMA',
    threshold: (c) => c.mfaCodeVerifyThreshold,
    windowSeconds: () => MINUTES_30,
    perIp: true,
    error: RateLimitErrors.too_many_requests,
  },
  /** Wrong PKCE code verifiers per user + IP (off unless AUTH_CODE_VERIFIER_THRESHOLD is set). */
  auth_code_verifier: {
    code: 'FACVA',
    threshold: (c) => c.authCodeVerifierThreshold,
    windowSeconds: () => MINUTES_30,
    perIp: true,
    error: RateLimitErrors.too_many_requests,
  },
  /** SMS MFA messages per user + IP. */
  sms_mfa_message: {
    code: 'SMMA',
    threshold: (c) => c.smsMfaMessageThreshold,
    windowSeconds: () => MINUTES_30,
    perIp: true,
    error: RateLimitErrors.too_many_requests,
  },
  /** SMS to one number, per day, whoever asks (issue 12 item 10: toll fraud pumps premium numbers). */
  sms_number: {
    code: 'SMSN',
    threshold: (c) => c.smsNumberThreshold,
    windowSeconds: () => 86400,
    perIp: false,
    error: RateLimitErrors.too_many_requests,
  },
  /** SMS one account triggers, per day, to any number. */
  sms_account: {
    code: 'SMSA',
    threshold: (c) => c.smsAccountThreshold,
    windowSeconds: () => 86400,
    perIp: false,
    error: RateLimitErrors.too_many_requests,
  },
  /** SMS of the whole deployment per hour (one counter, id `all`). */
  sms_deployment: {
    code: 'SMSD',
    threshold: (c) => c.smsHourlyThreshold,
    windowSeconds: () => 3600,
    perIp: false,
    error: RateLimitErrors.too_many_requests,
  },
  /** Email MFA emails per user + IP. */
  email_mfa_email: {
    code: 'EMEA',
    threshold: (c) => c.emailMfaEmailThreshold,
    windowSeconds: () => MINUTES_30,
    perIp: true,
    error: RateLimitErrors.too_many_requests,
  },
  /** Email verification emails (sign-up, resend) per user + IP (Tessera: no Melody counterpart). */
  email_verification_email: {
    code: 'EVEA',
    threshold: (c) => c.emailVerificationEmailThreshold,
    windowSeconds: () => MINUTES_30,
    perIp: true,
    error: RateLimitErrors.too_many_requests,
  },
  /** Change-email emails per current email (no IP, as in Melody). */
  change_email_email: {
    code: 'CEA',
    threshold: (c) => c.changeEmailEmailThreshold,
    windowSeconds: () => MINUTES_30,
    perIp: false,
    error: RateLimitErrors.too_many_requests,
  },
} satisfies Record<string, KindDefinition>;

export type RateLimitKind = keyof typeof KINDS;
export const RATE_LIMIT_KINDS = Object.keys(KINDS) as RateLimitKind[];

export interface RateLimitSubject {
  /** The account: a normalized email or a user id. */
  id: string;
  /** clientIp(request): '' when unknown (next start without TRUSTED_PROXY_HEADER). Ignored by kinds that are not per IP. */
  ip?: string;
}

export interface CounterState {
  count: number;
  expiresAt: Date | null;
  /** Whether the subject is now over the threshold (further attempts are refused). */
  blocked: boolean;
}

// Keys: `<code>:<account>:<ip>`. The account part escapes ':' and '%' (so the last ':' always
// separates the IP, which may be IPv6) and is hashed when long, keeping keys within 300 chars.
const MAX_ACCOUNT_PART = 160;

function accountPart(id: string): string {
  const escaped = id.replace(/%/g, '%25').replace(/:/g, '%3A');
  return escaped.length <= MAX_ACCOUNT_PART ? escaped : `sha256-${createHash('sha256').update(id).digest('hex')}`;
}

function ipPart(ip: string | undefined): string {
  return rateLimitAddress(ip ?? '').slice(0, 64);
}

/**
 * The address a client is counted under: an IPv4 address as is (also when written IPv4-mapped,
 * ::ffff:192.0.2.1), an IPv6 address as its /64 ("2001:db8:1:2::/64"), anything else trimmed.
 */
export function rateLimitAddress(ip: string): string {
  const address = ip.trim().replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  if (isIPv4(address) || !isIPv6(address)) return isIPv4(address) ? address : ip.trim();
  const groups = ipv6Groups(address);
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return `${groups.slice(0, 4).map((group) => group.toString(16)).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (with :: and a trailing dotted IPv4 part expanded). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** Key prefix of one account's counters of a kind (the IP follows for per-IP kinds). */
export function counterKeyPrefix(kind: RateLimitKind, id: string): string {
  const definition: KindDefinition = KINDS[kind];
  return `${definition.code}:${accountPart(id)}${definition.perIp ? ':' : ''}`;
}

export function counterKey(kind: RateLimitKind, subject: RateLimitSubject): string {
  const definition: KindDefinition = KINDS[kind];
  return counterKeyPrefix(kind, subject.id) + (definition.perIp ? ipPart(subject.ip) : '');
}

function settings(kind: RateLimitKind) {
  const definition: KindDefinition = KINDS[kind];
  const current = config();
  return { definition, threshold: definition.threshold(current), windowSeconds: definition.windowSeconds(current) };
}

function retryAfter(expiresAt: Date | null): number | undefined {
  return expiresAt ? Math.max(1, Math.ceil((expiresAt.getTime() - Date.now()) / 1000)) : undefined;
}

function refuse(definition: KindDefinition, value: CounterValue): never {
  count((m) => m.rateLimitHits.inc({ kind: definition.error.code }));
  throw new RateLimitError(definition.error, retryAfter(value.expiresAt));
}

/** The threshold in force for a kind (0 = disabled). */
export function thresholdOf(kind: RateLimitKind): number {
  return settings(kind).threshold;
}

/** An attempt counted before it was judged. */
export interface AttemptClaim {
  /** The attempt succeeded: it no longer counts (only wrong codes stay counted). */
  release(): Promise<void>;
}

const NOTHING_CLAIMED: AttemptClaim = { release: async () => undefined };

/**
 * Counts this attempt and throws (429 too_many_requests, or 423 account_locked for sign_in) when
 * the count it just wrote is over the threshold: with threshold N the first N attempts of a window
 * pass, however many arrive at once. A threshold of 0 disables the kind (nothing is counted).
 */
export async function checkAndCount(kind: RateLimitKind, subject: RateLimitSubject): Promise<void> {
  await claimAttempt(kind, subject);
}

/**
 * For a code about to be judged: counts the attempt first (as checkAndCount), so N concurrent
 * guesses get at most `threshold` judgements. Call release() when the code was right.
 */
export async function claimAttempt(kind: RateLimitKind, subject: RateLimitSubject): Promise<AttemptClaim> {
  const { definition, threshold, windowSeconds } = settings(kind);
  if (threshold <= 0) return NOTHING_CLAIMED;
  const key = counterKey(kind, subject);
  const value = await counterStore().increment(key, windowSeconds);
  if (value.count > threshold) refuse(definition, value);
  return { release: () => counterStore().decrement(key) };
}

/** Code attempts a sign-in request allows on one step (issue 12): the next one ends the request. */
export const CODE_ATTEMPTS_PER_STEP = 5;

const requestCodeKeyPrefix = (requestId: string) => `RCA:${accountPart(requestId)}:`;

/**
 * Counts one code attempt on a sign-in request's step (`step` names the code: otp, sms, …) before
 * the code is judged; false when the count just written is over CODE_ATTEMPTS_PER_STEP. The
 * counter lives `windowSeconds` (at least the request's remaining lifetime).
 */
export async function claimRequestCodeAttempt(requestId: string, step: string, windowSeconds: number): Promise<boolean> {
  const value = await counterStore().increment(`${requestCodeKeyPrefix(requestId)}${step}`, Math.max(1, windowSeconds));
  return value.count <= CODE_ATTEMPTS_PER_STEP;
}

/** Whether a sign-in request ran out of code attempts on one of its steps. */
export async function requestCodeAttemptsExhausted(requestId: string): Promise<boolean> {
  const entries = await counterStore().list(requestCodeKeyPrefix(requestId));
  return entries.some((entry) => entry.count > CODE_ATTEMPTS_PER_STEP);
}

/** The subject's counter, or null when there is none (or the kind is disabled). */
export async function getState(kind: RateLimitKind, subject: RateLimitSubject): Promise<CounterState | null> {
  const { threshold } = settings(kind);
  if (threshold <= 0) return null;
  const value = await counterStore().get(counterKey(kind, subject));
  return value && { ...value, blocked: value.count >= threshold };
}

/** Forgets the subject's counter (success, unlock). */
export async function clear(kind: RateLimitKind, subject: RateLimitSubject): Promise<void> {
  await counterStore().reset(counterKey(kind, subject));
}

/** Every per-IP counter of one account for a kind: `{ ip, count, expiresAt, blocked }`. */
export async function listByAccount(kind: RateLimitKind, id: string): Promise<Array<CounterState & { ip: string }>> {
  const { threshold } = settings(kind);
  const prefix = counterKeyPrefix(kind, id);
  const entries = await counterStore().list(prefix);
  return entries.map((entry) => ({
    ip: entry.key.slice(prefix.length),
    count: entry.count,
    expiresAt: entry.expiresAt,
    blocked: threshold > 0 && entry.count >= threshold,
  }));
}

/** Clears every per-IP counter of one account for a kind; returns how many were removed. */
export async function clearAccount(kind: RateLimitKind, id: string): Promise<number> {
  const store = counterStore();
  const entries = await store.list(counterKeyPrefix(kind, id));
  await Promise.all(entries.map((entry) => store.reset(entry.key)));
  return entries.length;
}

export const IP_SEND_WINDOW_SECONDS = 3600;

/**
 * Generic per-IP limiter for outgoing messages (emails, SMS) on top of the per-account kinds:
 * counts one send from `ip` for `action` and throws 429 when the IP is over `limit` in the window
 * (defaults: IP_SEND_THRESHOLD per hour, all actions together). Does nothing when the IP is
 * unknown ('': it would throttle everyone at once) or limit is 0.
 */
export async function limitPerIp(ip: string, options: { action?: string; limit?: number; windowSeconds?: number } = {}): Promise<void> {
  const address = ipPart(ip);
  const limit = options.limit ?? config().ipSendThreshold;
  if (!address || limit <= 0) return;
  const action = accountPart(options.action ?? 'send');
  const value = await counterStore().increment(`IPS:${action}:${address}`, options.windowSeconds ?? IP_SEND_WINDOW_SECONDS);
  if (value.count > limit) {
    count((m) => m.rateLimitHits.inc({ kind: `ip_${action}`.slice(0, 40) }));
    throw new RateLimitError(RateLimitErrors.too_many_requests, retryAfter(value.expiresAt));
  }
}
