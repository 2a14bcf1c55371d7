export { RateLimitError, RateLimitErrors } from './errors';
export {
  assertNotBlocked,
  checkAndCount,
  clear,
  clearAccount,
  counterKey,
  getState,
  limitPerIp,
  listByAccount,
  recordFailure,
  thresholdOf,
  RATE_LIMIT_KINDS,
  type CounterState,
  type RateLimitKind,
  type RateLimitSubject,
} from './service';
export { clearSignInFailures, countSignInAttempt, listLockedIps, unlockAccount } from './lockout';
