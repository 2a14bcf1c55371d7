export { RateLimitError, RateLimitErrors } from './errors';
export {
  checkAndCount,
  claimAttempt,
  claimRequestCodeAttempt,
  CODE_ATTEMPTS_PER_STEP,
  clear,
  clearAccount,
  counterKey,
  getState,
  limitPerIp,
  listByAccount,
  rateLimitAddress,
  requestCodeAttemptsExhausted,
  thresholdOf,
  RATE_LIMIT_KINDS,
  type AttemptClaim,
  type CounterState,
  type RateLimitKind,
  type RateLimitSubject,
} from './service';
export { clearSignInFailures, countSignInAttempt, listLockedIps, unlockAccount } from './lockout';
