// /embedded-auth/v1: the table of the Embedded Auth API's routes (Melody's paths and JSON bodies,
// contract §2.4, plus Tessera's steps: email verification and passwordless), the dispatcher the
// catch-all route handler calls, and the OpenAPI document built from the same zod schemas.
//
// Every step route answers `{ sessionId, nextStep?, success }` (success: the sign-in is finished
// and the session can be exchanged for tokens; nextStep: the Melody view name of the step to show);
// reads answer the step's data, sends `{ success: true }`. Errors are `{ error, message, fields? }`
// with a stable code: 400 invalid_input (see fields), 403 forbidden_origin, 404
// session_not_found / embedded_auth_disabled / not_found, 409 wrong_step (a skipped or replayed
// step), 410 session_expired, 429 too_many_requests, and each step's own codes.
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { errorBody, jsonSchema } from '@/lib/api/openapi';
import { bannersForClientId } from '@/lib/banners/public';
import { AppError, CommonErrors, type ErrorDefinition } from '@/lib/errors';
import { FlowErrors, isFlowOutcome, openFlow, type FlowContext } from '@/lib/flow';
import { apiErrorResponse, NO_STORE } from '@/lib/http/errors';
import { applyCookies, clientIp, readJson, userAgent } from '@/lib/http/request';
import { consentInfo, decideConsent } from '@/lib/identity/consent';
import { IdentityErrors } from '@/lib/identity/errors';
import { requestPasswordReset, resetCodeInput, resetPassword, resetPasswordInput } from '@/lib/identity/password-reset';
import { passwordlessCodeInput, passwordlessEmailInput, resendPasswordless, startPasswordless, verifyPasswordlessCode } from '@/lib/identity/passwordless';
import { orgChoices, chooseOrgInput, chooseSwitchOrg } from '@/lib/identity/policies/orgs';
import { signInWithPassword } from '@/lib/identity/sign-in';
import { signUp, signUpAttributes, signUpInput } from '@/lib/identity/sign-up';
import { confirmEmailInFlow, resendVerificationCodeInFlow, skipEmailVerification, verifyEmailInfo } from '@/lib/identity/verify-email-step';
import { MfaErrors } from '@/lib/mfa/errors';
import {
  chooseMfaEnrollment,
  embeddedMfaInfo,
  resendSmsCode,
  sendEmailMfaCode,
  setupSmsPhone,
  verifyEmailMfaStep,
  verifyOtpStep,
  verifySmsStep,
} from '@/lib/mfa/flow-steps';
import { OAuthErrors } from '@/lib/oauth/errors';
import { PasskeyErrors } from '@/lib/passkeys/errors';
import { declinePasskeyEnrollment, enrollPasskey, passkeyEnrollOptions, passkeySignInOptions, signInWithPasskey } from '@/lib/passkeys/flow';
import { authenticationResponseSchema, registrationResponseSchema } from '@/lib/passkeys/webauthn';
import { RateLimitErrors } from '@/lib/rate-limit/errors';
import { confirmRecoveryCodeEnrollment, enrollmentRecoveryCode, signInWithRecoveryCode } from '@/lib/recovery-codes/flow';
import { afterResponse } from '@/lib/http/after-response';
import {
  checkEmbeddedCaller,
  embeddedContext,
  embeddedCorsHeaders,
  EmbeddedErrors,
  exchangeEmbeddedSession,
  initiateEmbeddedSession,
  refreshEmbeddedTokens,
  signOutEmbedded,
} from './embedded';

export const EMBEDDED_BASE_PATH = '/embedded-auth/v1';

interface RouteInput<B> {
  body: B;
  /** The session's flow context (session routes only). */
  context: FlowContext;
  ip: string;
  locale: string;
}

export interface EmbeddedRoute {
  method: 'GET' | 'POST';
  /** Under /embedded-auth/v1, Melody's path; `{sessionId}` first for session routes. */
  path: string;
  operationId: string;
  summary: string;
  tag: 'Session' | 'Sign-in' | 'MFA' | 'Passkeys and recovery codes' | 'Tokens' | 'Password reset';
  body?: z.ZodType;
  /** The success answer: a step answer, data, or empty (sign-out, as Melody). */
  response: z.ZodType | 'step' | 'empty';
  errors?: readonly ErrorDefinition[];
  // The body's type varies per route; the table only needs the common shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  run(input: RouteInput<any>): Promise<unknown>;
}

function route<B extends z.ZodType | undefined>(
  spec: Omit<EmbeddedRoute, 'body' | 'run'> & { body?: B; run(input: RouteInput<B extends z.ZodType ? z.output<B> : undefined>): Promise<unknown> },
): EmbeddedRoute {
  return spec as EmbeddedRoute;
}

/** `{ sessionId, nextStep?, success }`: where the session stands after a step. */
export const stepAnswerSchema = z.object({
  sessionId: z.string().describe('The session id (send it on every call of this sign-in)'),
  nextStep: z.string().optional().describe('Melody view name of the next step: sign_in, passwordless_verify, verify_email, consent, mfa_enroll, otp_setup, otp_mfa, sms_mfa, email_mfa, passkey_enroll, recovery_code_enroll, switch_org'),
  success: z.boolean().describe('true once every step is done: call token-exchange'),
});
const sent = z.object({ success: z.literal(true) });
const mfaCodeBody = z.object({ mfaCode: z.string().trim().min(1).max(16), rememberDevice: z.boolean().optional() });
const codeInput = (body: z.output<typeof mfaCodeBody>) => ({ code: body.mfaCode, rememberDevice: body.rememberDevice });
const tokenAnswer = z.looseObject({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number(),
  expires_on: z.number(),
  scope: z.string(),
  id_token: z.string().optional(),
  refresh_token: z.string().optional(),
  refresh_token_expires_in: z.number().optional(),
  refresh_token_expires_on: z.number().optional(),
});
const MFA_ERRORS = [IdentityErrors.invalid_code, RateLimitErrors.too_many_requests];

export const EMBEDDED_ROUTES: readonly EmbeddedRoute[] = [
  route({
    method: 'POST',
    path: '/initiate',
    operationId: 'initiate',
    summary: 'Start a sign-in session for a SPA client (PKCE)',
    tag: 'Session',
    body: z.object({
      clientId: z.string().min(1).max(64),
      redirectUri: z.string().min(1).max(2048).describe('A registered redirect URI of the client, or one of EMBEDDED_AUTH_ORIGINS'),
      codeChallenge: z.string().min(1).max(128),
      codeChallengeMethod: z.string().max(10).default('S256'),
      scopes: z.array(z.string().max(100)).min(1).max(50),
      locale: z.string().max(35).optional(),
      org: z.string().max(50).optional(),
    }),
    response: z.object({ sessionId: z.string(), nextStep: z.string() }),
    errors: [EmbeddedErrors.invalid_client, EmbeddedErrors.invalid_redirect_uri, EmbeddedErrors.invalid_scope, EmbeddedErrors.invalid_code_challenge],
    run: ({ body }) => initiateEmbeddedSession(body),
  }),
  route({
    method: 'GET',
    path: '/{sessionId}/sign-up',
    operationId: 'getSignUp',
    summary: 'The sign-up form: the user attributes it asks for',
    tag: 'Sign-in',
    response: z.object({ userAttributes: z.array(z.looseObject({ id: z.string(), name: z.string(), requiredInSignUpForm: z.boolean() })) }),
    errors: [IdentityErrors.sign_up_disabled],
    run: ({ context }) => signUpAttributes(context, undefined),
  }),
  route({
    method: 'POST',
    path: '/{sessionId}/sign-up',
    operationId: 'signUp',
    summary: 'Create an account and sign it in',
    tag: 'Sign-in',
    body: signUpInput,
    response: 'step',
    errors: [IdentityErrors.sign_up_disabled, IdentityErrors.registration_closed],
    run: ({ context, body }) => signUp(context, body),
  }),
  route({
    method: 'POST',
    path: '/{sessionId}/sign-in',
    operationId: 'signIn',
    summary: 'Sign in with email and password',
    tag: 'Sign-in',
    body: z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(256) }),
    response: 'step',
    errors: [IdentityErrors.password_sign_in_disabled, RateLimitErrors.too_many_requests],
    run: ({ context, body }) => signInWithPassword(context, body),
  }),
  route({
    method: 'POST',
    path: '/{sessionId}/recovery-code',
    operationId: 'signInWithRecoveryCode',
    summary: 'Sign in with email and recovery code; answers the account’s next recovery code (show it once)',
    tag: 'Passkeys and recovery codes',
    body: z.object({ email: z.string().trim().min(1).max(320), recoveryCode: z.string().trim().min(1).max(64) }),
    response: stepAnswerSchema.extend({ recoveryCode: z.string() }),
    errors: [PasskeyErrors.recovery_codes_disabled, PasskeyErrors.invalid_recovery_code],
    run: ({ context, body }) => signInWithRecoveryCode(context, body),
  }),
  route({
    method: 'POST',
    path: '/{sessionId}/passwordless',
    operationId: 'startPasswordless',
    summary: 'Tessera: passwordless sign-in, email a 6-digit code to the address (every address gets the same answer)',
    tag: 'Sign-in',
    body: passwordlessEmailInput,
    response: 'step',
    errors: [IdentityErrors.passwordless_disabled],
    run: ({ context, body }) => startPasswordless(context, body),
  }),
  route({
    method: 'POST',
    path: '/{sessionId}/passwordless-code',
    operationId: 'resendPasswordless',
    summary: 'Tessera: email a new passwordless code to the same address',
    tag: 'Sign-in',
    response: sent,
    run: ({ context }) => resendPasswordless(context, undefined),
  }),
  route({
    method: 'POST',
    path: '/{sessionId}/passwordless-verify',
    operationId: 'verifyPasswordless',
    summary: 'Tessera: the passwordless code; signs the user in (a new address becomes a verified account)',
    tag: 'Sign-in',
    body: passwordlessCodeInput,
    response: 'step',
    errors: MFA_ERRORS,
    run: ({ context, body }) => verifyPasswordlessCode(context, body),
  }),
  route({
    method: 'GET',
    path: '/{sessionId}/verify-email',
    operationId: 'getVerifyEmail',
    summary: 'Tessera: the email verification step (EMAIL_VERIFICATION_MODE): the address, whether it may be skipped, whether a code is live',
    tag: 'Sign-in',
    response: z.object({ email: z.string(), skippable: z.boolean(), codeSent: z.boolean() }),
    run: ({ context }) => verifyEmailInfo(context, undefined),
  }),
  route({
    method: 'POST',
    path: '/{sessionId}/verify-email-code',
    operationId: 'sendVerifyEmailCode',
    summary: 'Tessera: email a (new) verification code',
    tag: 'Sign-in',
    response: sent,
    errors: [RateLimitErrors.too_many_requests],
    run: ({ context }) => resendVerificationCodeInFlow(context, undefined),
  }),
  route({
    method: 'POST',
    path: '/{sessionId}/verify-email',
    operationId: 'verifyEmail',
    summary: 'Tessera: the verification code from the email',
    tag: 'Sign-in',
    body: z.object({ code: z.string().trim().min(1).max(16) }),
    response: 'step',
    errors: MFA_ERRORS,
    run: ({ context, body }) => confirmEmailInFlow(context, body.code),
  }),
  route({
    method: 'POST',
    path: '/{sessionId}/verify-email-skip',
    operationId: 'skipVerifyEmail',
    summary: 'Tessera: "later", while verification is optional (lazy mode, grace period)',
    tag: 'Sign-in',
    response: 'step',
    errors: [IdentityErrors.email_verification_required],
    run: ({ context }) => skipEmailVerification(context, undefined),
  }),
  route({
    method: 'GET',
    path: '/{sessionId}/app-consent',
    operationId: 'getAppConsent',
    summary: 'The scopes the app asks for, described in the session’s language',
    tag: 'Sign-in',
    response: z.object({ appName: z.string(), scopes: z.array(z.object({ name: z.string(), description: z.string() })) }),
    run: ({ context }) => consentInfo(context, undefined),
  }),
  route({
    method: 'POST',
    path: '/{sessionId}/app-consent',
    operationId: 'postAppConsent',
    summary: 'Allow the app the scopes (remembered for this user and app)',
    tag: 'Sign-in',
    response: 'step',
    run: ({ context }) => decideConsent(context, 'allow'),
  }),
  route({
    method: 'GET',
    path: '/{sessionId}/mfa-enrollment',
    operationId: 'getMfaEnrollment',
    summary: 'The factors the user may enroll',
    tag: 'MFA',
    response: z.object({ mfaTypes: z.array(z.enum(['otp', 'email', 'sms'])) }),
    run: ({ context }) => embeddedMfaInfo.enrollment(context, undefined),
  }),
  route({
    method: 'POST',
    path: '/{sessionId}/mfa-enrollment',
    operationId: 'postMfaEnrollment',
    summary: 'Enroll one of the offered factors; it is asked in this sign-in',
    tag: 'MFA',
    body: z.object({ type: z.enum(['otp', 'email', 'sms']) }),
    response: 'step',
    errors: [MfaErrors.factor_not_offered],
    run: ({ context, body }) => chooseMfaEnrollment(context, body.type),
  }),
  route({
    method: 'POST',
    path: '/{sessionId}/email-mfa-code',
    operationId: 'sendEmailMfaCode',
    summary: 'Email an MFA code (the email step, or the email fallback of the TOTP / SMS step)',
    tag: 'MFA',
    response: sent,
    errors: [MfaErrors.email_fallback_unavailable, RateLimitErrors.too_many_requests],
    run: ({ context }) => sendEmailMfaCode(context, undefined),
  }),
  route({
    method: 'POST',
    path: '/{sessionId}/email-mfa',
    operationId: 'postEmailMfa',
    summary: 'The emailed MFA code',
    tag: 'MFA',
    body: mfaCodeBody,
    response: 'step',
    errors: MFA_ERRORS,
    run: ({ context, body }) => verifyEmailMfaStep(context, codeInput(body)),
  }),
  route({
    method: 'GET',
    path: '/{sessionId}/otp-mfa-setup',
    operationId: 'getOtpMfaSetup',
    summary: 'The TOTP key to set up (otpauth URI and secret), while it is not verified',
    tag: 'MFA',
    response: z.object({ otpUri: z.string(), otpSecret: z.string() }),
    errors: [MfaErrors.otp_already_verified],
    run: ({ context }) => embeddedMfaInfo.otpSetup(context, undefined),
  }),
  route({
    method: 'GET',
    path: '/{sessionId}/otp-mfa',
    operationId: 'getOtpMfa',
    summary: 'Whether an emailed code may stand in for the TOTP code',
    tag: 'MFA',
    response: z.object({ allowFallbackToEmailMfa: z.boolean() }),
    run: ({ context }) => embeddedMfaInfo.otp(context, undefined),
  }),
  route({
    method: 'POST',
    path: '/{sessionId}/otp-mfa',
    operationId: 'postOtpMfa',
    summary: 'A code from the authenticator app (also completes the TOTP setup)',
    tag: 'MFA',
    body: mfaCodeBody,
    response: 'step',
    errors: MFA_ERRORS,
    run: ({ context, body }) => verifyOtpStep(context, codeInput(body)),
  }),
  route({
    method: 'POST',
    path: '/{sessionId}/sms-mfa-setup',
    operationId: 'postSmsMfaSetup',
    summary: 'Text a code to this number (E.164), while the account has no verified number',
    tag: 'MFA',
    body: z.object({ phoneNumber: z.string().trim().min(1).max(20) }),
    response: sent,
    errors: [MfaErrors.phone_number_required, RateLimitErrors.too_many_requests],
    run: ({ context, body }) => setupSmsPhone(context, body.phoneNumber),
  }),
  route({
    method: 'GET',
    path: '/{sessionId}/sms-mfa',
    operationId: 'getSmsMfa',
    summary: 'The SMS step: the masked verified number (null while none), whether email may stand in',
    tag: 'MFA',
    response: z.object({ allowFallbackToEmailMfa: z.boolean(), countryCode: z.string(), phoneNumber: z.string().nullable() }),
    run: ({ context }) => embeddedMfaInfo.sms(context, undefined),
  }),
  route({
    method: 'POST',
    path: '/{sessionId}/sms-mfa-code',
    operationId: 'sendSmsMfaCode',
    summary: 'Text a (new) code to the verified number, or to the number being set up',
    tag: 'MFA',
    response: sent,
    errors: [MfaErrors.phone_number_required, RateLimitErrors.too_many_requests],
    run: ({ context }) => resendSmsCode(context, undefined),
  }),
  route({
    method: 'POST',
    path: '/{sessionId}/sms-mfa',
    operationId: 'postSmsMfa',
    summary: 'The texted code (verifies the number it went to)',
    tag: 'MFA',
    body: mfaCodeBody,
    response: 'step',
    errors: MFA_ERRORS,
    run: ({ context, body }) => verifySmsStep(context, codeInput(body)),
  }),
  route({
    method: 'GET',
    path: '/{sessionId}/passkey-enroll',
    operationId: 'getPasskeyEnroll',
    summary: 'WebAuthn creation options for the passkey enrollment step',
    tag: 'Passkeys and recovery codes',
    response: z.object({ enrollOptions: z.looseObject({ challenge: z.string() }) }),
    errors: [PasskeyErrors.passkeys_disabled],
    run: async ({ context }) => ({ enrollOptions: await passkeyEnrollOptions(context, undefined) }),
  }),
  route({
    method: 'POST',
    path: '/{sessionId}/passkey-enroll',
    operationId: 'postPasskeyEnroll',
    summary: 'The authenticator’s registration response (origin: AUTH_SERVER_URL or one of EMBEDDED_AUTH_ORIGINS)',
    tag: 'Passkeys and recovery codes',
    body: z.object({ enrollInfo: registrationResponseSchema, name: z.string().trim().max(100).optional() }),
    response: 'step',
    errors: [PasskeyErrors.passkey_invalid, PasskeyErrors.passkey_exists],
    run: ({ context, body }) => enrollPasskey(context, { credential: body.enrollInfo, name: body.name ?? '' }),
  }),
  route({
    method: 'POST',
    path: '/{sessionId}/passkey-enroll-decline',
    operationId: 'postPasskeyEnrollDecline',
    summary: '"Not now"; with remember, "don’t ask again"',
    tag: 'Passkeys and recovery codes',
    body: z.object({ remember: z.boolean().default(false) }),
    response: 'step',
    run: ({ context, body }) => declinePasskeyEnrollment(context, body.remember),
  }),
  route({
    method: 'GET',
    path: '/{sessionId}/passkey-verify',
    operationId: 'getPasskeyVerify',
    summary: 'WebAuthn request options of a passkey sign-in (discoverable)',
    tag: 'Passkeys and recovery codes',
    response: z.object({ passkeyOption: z.looseObject({ challenge: z.string() }) }),
    errors: [PasskeyErrors.passkeys_disabled],
    run: async ({ context }) => ({ passkeyOption: await passkeySignInOptions(context, undefined) }),
  }),
  route({
    method: 'POST',
    path: '/{sessionId}/passkey-verify',
    operationId: 'postPasskeyVerify',
    summary: 'Sign in with a passkey (no password, no MFA: a passkey is multi-factor)',
    tag: 'Passkeys and recovery codes',
    body: z.object({
      passkeyInfo: authenticationResponseSchema,
      challenge: z.string().max(200).optional().describe('Accepted for Melody clients; the challenge is read from the signed client data'),
    }),
    response: 'step',
    errors: [PasskeyErrors.passkey_invalid],
    run: ({ context, body }) => signInWithPasskey(context, body.passkeyInfo),
  }),
  route({
    method: 'GET',
    path: '/{sessionId}/recovery-code-enroll',
    operationId: 'getRecoveryCodeEnroll',
    summary: 'A new recovery code for the account, shown once (replaces an unconfirmed one)',
    tag: 'Passkeys and recovery codes',
    response: z.object({ recoveryCode: z.string() }),
    errors: [PasskeyErrors.recovery_codes_disabled],
    run: ({ context }) => enrollmentRecoveryCode(context, undefined),
  }),
  route({
    method: 'POST',
    path: '/{sessionId}/recovery-code-enroll',
    operationId: 'postRecoveryCodeEnroll',
    summary: '"I have saved it"',
    tag: 'Passkeys and recovery codes',
    response: 'step',
    run: ({ context }) => confirmRecoveryCodeEnrollment(context, undefined),
  }),
  route({
    method: 'GET',
    path: '/{sessionId}/user-orgs',
    operationId: 'getUserOrgs',
    summary: 'The orgs the user may choose (ALLOW_USER_SWITCH_ORG_ON_SIGN_IN)',
    tag: 'Sign-in',
    response: z.object({ orgs: z.array(z.object({ id: z.string(), name: z.string(), slug: z.string(), companyLogoUrl: z.string() })), activeOrgSlug: z.string() }),
    run: ({ context }) => orgChoices(context, undefined),
  }),
  route({
    method: 'POST',
    path: '/{sessionId}/user-orgs',
    operationId: 'postUserOrgs',
    summary: 'Choose the org (by slug) the tokens are issued for',
    tag: 'Sign-in',
    body: chooseOrgInput,
    response: 'step',
    run: ({ context, body }) => chooseSwitchOrg(context, body),
  }),
  route({
    method: 'GET',
    path: '/{sessionId}/app-banners',
    operationId: 'getAppBanners',
    summary: 'The active banners of the session’s app (ENABLE_APP_BANNER), every language',
    tag: 'Session',
    response: z.object({ banners: z.array(z.looseObject({ id: z.string(), type: z.string(), text: z.string() })) }),
    run: async ({ context }) => bannersForClientId((await openFlow(context)).row.app.clientId),
  }),
  route({
    method: 'POST',
    path: '/token-exchange',
    operationId: 'tokenExchange',
    summary: 'The finished session and its PKCE verifier → the token response of /oauth2/v1/token (the session ends)',
    tag: 'Tokens',
    body: z.object({ sessionId: z.string().min(1).max(128), codeVerifier: z.string().min(1).max(128) }),
    response: tokenAnswer,
    errors: [OAuthErrors.invalid_grant, EmbeddedErrors.sign_in_not_finished, FlowErrors.session_expired],
    run: ({ body }) => exchangeEmbeddedSession(body),
  }),
  route({
    method: 'POST',
    path: '/token-refresh',
    operationId: 'tokenRefresh',
    summary: 'The refresh_token grant of /oauth2/v1/token',
    tag: 'Tokens',
    body: z.object({ refreshToken: z.string().min(1).max(512) }),
    response: tokenAnswer,
    errors: [OAuthErrors.invalid_grant],
    run: ({ body }) => refreshEmbeddedTokens(body),
  }),
  route({
    method: 'POST',
    path: '/sign-out',
    operationId: 'signOut',
    summary: 'Revoke the refresh token (and its rotation family) of this client; 200 with an empty body',
    tag: 'Tokens',
    body: z.object({ refreshToken: z.string().min(1).max(512), clientId: z.string().min(1).max(64) }),
    response: 'empty',
    run: ({ body }) => signOutEmbedded(body),
  }),
  route({
    method: 'POST',
    path: '/reset-password-code',
    operationId: 'resetPasswordCode',
    summary: 'Email a password reset code (the same answer whether or not an account has the address)',
    tag: 'Password reset',
    body: resetCodeInput.extend({ locale: z.string().max(35).optional() }),
    response: sent,
    errors: [IdentityErrors.password_reset_disabled, RateLimitErrors.too_many_requests],
    run: async ({ body, ip, locale }) => {
      await requestPasswordReset(body, { ip, locale: body.locale ?? locale, defer: afterResponse });
      return { success: true };
    },
  }),
  route({
    method: 'POST',
    path: '/reset-password',
    operationId: 'resetPassword',
    summary: 'Tessera: the emailed code and the new password',
    tag: 'Password reset',
    body: resetPasswordInput,
    response: sent,
    errors: [IdentityErrors.password_reset_disabled, IdentityErrors.invalid_code, IdentityErrors.password_unchanged],
    run: async ({ body, ip, locale }) => {
      await resetPassword(body, { ip, locale });
      return { success: true };
    },
  }),
];

const SESSION_SEGMENT = /^[A-Za-z0-9_-]{1,128}$/;

/** The route for `method` and the path segments after /embedded-auth/v1, with its session id. */
function match(method: string, segments: string[]): { route: EmbeddedRoute; sessionId?: string } | { allowed: string[] } | null {
  const candidates = EMBEDDED_ROUTES.filter((entry) => {
    const parts = entry.path.split('/').slice(1);
    return parts.length === segments.length && parts.every((part, index) => (part === '{sessionId}' ? SESSION_SEGMENT.test(segments[index]!) : part === segments[index]));
  });
  if (!candidates.length) return null;
  const found = candidates.find((entry) => entry.method === method);
  if (!found) return { allowed: candidates.map((entry) => entry.method) };
  return { route: found, sessionId: found.path.startsWith('/{sessionId}') ? segments[0] : undefined };
}

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/** The catch-all route handler of /embedded-auth/v1 (app/embedded-auth/v1/[...path]/route.ts). */
export async function handleEmbeddedRequest(request: NextRequest, segments: string[]): Promise<NextResponse> {
  const origin = request.headers.get('origin');
  const cors = embeddedCorsHeaders(origin);
  try {
    checkEmbeddedCaller(origin);
    if (request.method === 'OPTIONS') {
      return withHeaders(new NextResponse(null, { status: 204 }), {
        ...cors,
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Content-Type',
        'Access-Control-Max-Age': '600',
      });
    }
    const found = match(request.method, segments);
    if (!found) throw new AppError(CommonErrors.not_found);
    if ('allowed' in found) throw new AppError(EmbeddedErrors.method_not_allowed, `Use ${found.allowed.join(' or ')}.`);
    const { route: spec, sessionId } = found;
    const body = spec.body ? await readJson(request, spec.body) : undefined;
    const meta = { ip: clientIp(request), userAgent: userAgent(request), cookie: (name: string) => request.cookies.get(name)?.value };
    const context = embeddedContext(sessionId ?? '', meta);
    const result = await spec.run({ body, context, ip: meta.ip, locale: request.headers.get('accept-language')?.split(',')[0]?.trim() ?? '' });
    return withHeaders(reply(spec, result, sessionId), cors);
  } catch (error) {
    return withHeaders(apiErrorResponse(error), cors);
  }
}

function reply(spec: EmbeddedRoute, result: unknown, sessionId: string | undefined): NextResponse {
  if (spec.response === 'empty') return new NextResponse(null, { status: 200, headers: NO_STORE });
  if (isFlowOutcome(result)) {
    const answer = { sessionId: sessionId!, ...(result.next ? { nextStep: result.next } : {}), success: result.next === null, ...result.data };
    return applyCookies(NextResponse.json(answer, { headers: NO_STORE }), result.cookies);
  }
  return NextResponse.json(result ?? { success: true }, { headers: NO_STORE });
}

/** The OpenAPI 3.1 document of the Embedded Auth API, from the route table's zod schemas. */
export function buildEmbeddedOpenApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const content = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
  for (const spec of EMBEDDED_ROUTES) {
    const errors = new Map<number, string[]>();
    const add = (status: number, text: string) => errors.set(status, [...(errors.get(status) ?? []), text]);
    if (spec.body) add(400, '`invalid_input`: the body does not match the schema (see `fields`)');
    add(403, '`forbidden_origin`: the browser’s Origin is neither AUTH_SERVER_URL’s nor one of EMBEDDED_AUTH_ORIGINS');
    add(404, '`embedded_auth_disabled`: EMBEDDED_AUTH_ORIGINS is not set');
    if (spec.path.startsWith('/{sessionId}')) {
      add(404, '`session_not_found`: no session has this id');
      add(409, '`wrong_step`: the session is not at this step (a skipped or replayed step)');
      add(410, '`session_expired`: the session outlived AUTHORIZATION_CODE_EXPIRES_IN; initiate a new one');
    }
    for (const error of spec.errors ?? []) add(error.status, `\`${error.code}\`: ${error.message}`);
    const success =
      spec.response === 'empty'
        ? { description: 'Done (empty body)' }
        : { description: 'Success', content: { 'application/json': { schema: spec.response === 'step' ? { $ref: '#/components/schemas/StepAnswer' } : jsonSchema(spec.response, 'output') } } };
    paths[`${EMBEDDED_BASE_PATH}${spec.path}`] = {
      ...paths[`${EMBEDDED_BASE_PATH}${spec.path}`],
      [spec.method.toLowerCase()]: {
        operationId: spec.operationId,
        summary: spec.summary,
        tags: [spec.tag],
        parameters: spec.path.startsWith('/{sessionId}') ? [{ name: 'sessionId', in: 'path', required: true, schema: { type: 'string' } }] : [],
        ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } } } } : {}),
        responses: {
          200: success,
          ...Object.fromEntries([...errors].map(([status, texts]) => [status, { description: texts.join('\n\n'), content }])),
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tessera Auth Embedded Auth API',
      version: '1',
      description:
        'Melody Auth’s Embedded Auth API: draw your own sign-in screens and drive the sign-in over JSON. Initiate a session, follow `nextStep` ' +
        'until `success` is true, then exchange the session id and your PKCE verifier for tokens. On while EMBEDDED_AUTH_ORIGINS is set.',
    },
    servers: [{ url: serverUrl }],
    components: { schemas: { Error: errorBody, StepAnswer: jsonSchema(stepAnswerSchema, 'output') } },
    paths,
  };
}
