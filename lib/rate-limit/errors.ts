import { AppError, defineErrors, type ErrorDefinition } from '@/lib/errors';

// Messages stay generic: they never say whether an account exists or how many attempts are left.
export const RateLimitErrors = defineErrors({
  // RFC 6585: the caller may retry after Retry-After seconds.
  too_many_requests: { status: 429, message: 'Too many attempts. Please wait a while and try again.' },
  // 423 Locked (RFC 4918): the sign-in target is locked; retrying right away will not help, unlike
  // 429. Distinct from account_disabled (403), which only an admin lifts.
  account_locked: { status: 423, message: 'Sign-in is temporarily blocked after too many failed attempts. Try again later or reset your password.' },
});

/** An AppError that carries when to retry; lib/http/errors turns it into a Retry-After header. */
export class RateLimitError extends AppError {
  /** Whole seconds until the counter's window ends; undefined when it has no expiry. */
  readonly retryAfterSeconds: number | undefined;

  constructor(definition: ErrorDefinition, retryAfterSeconds: number | undefined, message?: string) {
    super(definition, message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
