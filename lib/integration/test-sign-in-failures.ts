/**
 * Why an app's test sign-in (lib/admin/test-sign-in.ts) did not produce claims; each has a
 * localized text (adminIntegrate.result.reasons). Pure: the dashboard's client bundle reads it.
 */
export const TEST_SIGN_IN_FAILURES = [
  'not_allowed', // no read_app right
  'app_not_found',
  'not_spa', // S2S apps have no sign-in
  'app_inactive',
  'callback_not_registered',
  'no_pending_test', // no (or an expired, foreign or tampered) pending test of this dashboard session in this browser
  'authorization_failed', // /authorize answered an error (access_denied, …)
  'invalid_response', // the code could not be redeemed or the ID token did not verify
] as const;
export type TestSignInFailure = (typeof TEST_SIGN_IN_FAILURES)[number];

/** The message the result page posts to the dashboard window that opened it (same origin only). */
export const TEST_SIGN_IN_MESSAGE = 'tessera-test-sign-in';
