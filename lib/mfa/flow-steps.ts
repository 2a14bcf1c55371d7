// The MFA steps of the sign-in flow (which one applies: steps.ts): the pages' views and actions —
// the enrollment prompt, TOTP setup and codes, SMS (number setup, send, code), email codes, the
// email fallback and remembered devices.
//
// Rules:
// - Every action runs only while its step is the request's current step (wrong_step otherwise),
//   so no step can be skipped by calling a later endpoint; the code is issued by advance() only
//   when no step is left.
// - Email and SMS codes (6 digits, 5 minutes, lib/one-time-codes) belong to the sign-in request.
//   Sending is limited per user + IP (EMAIL_MFA_EMAIL_THRESHOLD, SMS_MFA_MESSAGE_THRESHOLD) and per
//   IP; wrong codes of every factor count together per user + IP (MFA_CODE_VERIFY_THRESHOLD), and
//   each factor's codes per request (5 attempts, then the request ends: identity/code-attempts.ts).
//   Both are claimed before a code is judged; a right code gives its per-user attempt back.
// - A phone number can be set during sign-in only while the account has no verified number, and it
//   is verified by the code sent to it. The TOTP secret is set up only while it is unverified, by
//   the sign-in request whose page showed it (totp.ts).
// - Email fallback (ALLOW_EMAIL_MFA_AS_BACKUP, or the app's allowEmailMfaAsBackup): on the TOTP and
//   SMS steps, a code by email passes the step, unless email MFA is itself asked of the user.
// - Passing a factor adds its amr value (and "mfa") to the request and its SSO session, logs an
//   MFA event in the sign-in log and, when asked and ENABLE_MFA_REMEMBER_DEVICE is on, remembers
//   the device for that factor. Wrong codes are logged as failed MFA events.
import { z } from 'zod';
import { config } from '@/lib/config';
import { db, type Tx } from '@/lib/db';
import type { MfaType, User } from '@/lib/db/generated/client';
import { sendEmail } from '@/lib/email';
import { AppError } from '@/lib/errors';
import type { CookieSpec } from '@/lib/identity/cookies';
import { claimRequestCode, type CodeStep } from '@/lib/identity/code-attempts';
import { IdentityErrors } from '@/lib/identity/errors';
import { completeStep, currentStep, loadFlow, loadStep, stepLocation, type BrowserContext, type FlowOutcome, type FlowRow, type FlowStep } from '@/lib/identity/flow';
import { recordSignInEvent } from '@/lib/logs/sign-in';
import { checkOneTimeCode, consumeOneTimeCode, hasLiveCode, issueOneTimeCode, latestUnusedCode, type CodeScope } from '@/lib/one-time-codes';
import { AuthorizePageErrors } from '@/lib/oauth/errors';
import { brandingForOrgSlug } from '@/lib/orgs/hosted-branding';
import { checkAndCount, claimAttempt, limitPerIp } from '@/lib/rate-limit';
import { isE164, sendSms } from '@/lib/sms';
import { MfaErrors } from './errors';
import { findRememberedDevice, rememberDevice } from './remember-device';
import { FACTOR_AMR, FACTOR_STEP, mfaState, type MfaStep } from './steps';
import { smsCodeText } from './sms-text';
import { acceptTotpStep, checkTotpCode, pendingTotpSecret, totpSetupView } from './totp';

export const mfaCodeInput = z.object({ code: z.string().trim().max(16), rememberDevice: z.boolean().optional() });
export const phoneNumberInput = z.object({ phoneNumber: z.string().trim().max(20) });

/** The factor each verification step checks. */
const STEP_FACTOR: Record<Exclude<MfaStep, 'mfa_enroll'>, MfaType> = { otp_setup: 'otp', otp_mfa: 'otp', sms_mfa: 'sms', email_mfa: 'email' };

async function stepState(row: FlowRow) {
  const state = await mfaState(row);
  if (!state) throw new AppError(AuthorizePageErrors.request_not_found);
  return state;
}

/** A step page's request: its row and MFA state, or where the browser must go instead. */
async function pageRow(requestId: string | undefined, bindingSecret: string | undefined, accepts: (step: FlowStep | null) => boolean) {
  const row = await loadFlow(requestId, bindingSecret);
  const step = await currentStep(row);
  // Nothing left to do but the request still here: only a racing tab can see this.
  if (!step) throw new AppError(IdentityErrors.wrong_step);
  if (!accepts(step)) return { redirectTo: stepLocation(step, row), row, step } as const;
  return { redirectTo: null, row, step: step as MfaStep, state: await stepState(row) } as const;
}

function base(row: FlowRow) {
  return { appName: row.app.name, orgSlug: row.orgSlug, locale: row.locale, rememberDevice: config().enableMfaRememberDevice };
}

/** Whether a code by email may stand in for the current TOTP or SMS step. */
function emailFallbackAllowed(step: FlowStep | null, state: Awaited<ReturnType<typeof stepState>>): boolean {
  return (step === 'otp_mfa' || step === 'sms_mfa') && state.rules.allowEmailBackup && !state.asked('email') && Boolean(state.user.email);
}

/** "a***@example.com": enough for the user to recognise the address. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

/** "+*******4567". */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 1)}${'*'.repeat(Math.max(0, phone.length - 5))}${phone.slice(-4)}`;
}

// ───────────────────────────── views ─────────────────────────────

export async function getEnrollView(requestId: string | undefined, bindingSecret: string | undefined) {
  const page = await pageRow(requestId, bindingSecret, (step) => step === 'mfa_enroll');
  if (page.redirectTo !== null || !page.state) return { redirectTo: page.redirectTo, ...base(page.row), offer: [] as MfaType[] };
  return { redirectTo: null, ...base(page.row), offer: page.state.enrollOffer };
}

export async function getOtpView(requestId: string | undefined, bindingSecret: string | undefined) {
  const page = await pageRow(requestId, bindingSecret, (step) => step === 'otp_setup' || step === 'otp_mfa');
  const empty = { setup: null, allowEmailFallback: false };
  if (page.redirectTo !== null || !page.state) return { redirectTo: page.redirectTo, ...base(page.row), ...empty };
  const { row, state } = page;
  const setup =
    page.step === 'otp_setup'
      ? await totpSetupView(await pendingTotpSecret(state.user.id, row.id), { issuer: config().branding.emailSenderName || row.app.name, label: state.user.email ?? state.user.id })
      : null;
  return { redirectTo: null, ...base(row), setup, allowEmailFallback: emailFallbackAllowed(page.step, state), step: page.step };
}

export async function getSmsView(requestId: string | undefined, bindingSecret: string | undefined) {
  const page = await pageRow(requestId, bindingSecret, (step) => step === 'sms_mfa');
  if (page.redirectTo !== null || !page.state) {
    return { redirectTo: page.redirectTo, ...base(page.row), phoneNumber: null, needsSetup: false, codeSent: false, allowEmailFallback: false };
  }
  const { row, state } = page;
  const pending = await latestUnusedCode(smsScope(row));
  const number = state.user.smsPhoneNumberVerified ? state.user.smsPhoneNumber : (pending?.target ?? null);
  return {
    redirectTo: null,
    ...base(row),
    phoneNumber: number ? maskPhone(number) : null,
    needsSetup: !state.user.smsPhoneNumberVerified,
    codeSent: await hasLiveCode(smsScope(row)),
    allowEmailFallback: emailFallbackAllowed(page.step, state),
  };
}

/** The email step, or (fallback) an email code in place of the current TOTP / SMS step. */
export async function getEmailView(requestId: string | undefined, bindingSecret: string | undefined, fallback: boolean) {
  const page = await pageRow(requestId, bindingSecret, (step) => step === 'email_mfa' || (fallback && (step === 'otp_mfa' || step === 'sms_mfa')));
  if (page.redirectTo !== null || !page.state) return { redirectTo: page.redirectTo, ...base(page.row), email: '', codeSent: false, fallbackFor: null };
  const { row, state } = page;
  if (page.step !== 'email_mfa' && !emailFallbackAllowed(page.step, state)) {
    return { redirectTo: stepLocation(page.step, row), ...base(row), email: '', codeSent: false, fallbackFor: null };
  }
  return {
    redirectTo: null,
    ...base(row),
    email: maskEmail(state.user.email ?? ''),
    codeSent: await hasLiveCode(emailScope(row)),
    fallbackFor: page.step === 'email_mfa' ? null : page.step,
  };
}

// ───────────────────────────── completing a factor ─────────────────────────────

interface Passing {
  /** The factor whose code (or remembered device) was presented. */
  used: MfaType;
  /** The step it completes (the TOTP or SMS step for the email fallback). */
  step: MfaStep;
  remember: boolean;
  reason: '' | 'remembered_device' | 'email_fallback';
  write?: (tx: Tx) => Promise<void>;
}

async function passFactor(row: FlowRow, user: User, context: BrowserContext, passing: Passing): Promise<FlowOutcome> {
  const added = [FACTOR_AMR[passing.used], 'mfa'];
  let cookie: CookieSpec | null = null;
  const outcome = await completeStep(row, passing.step, async (tx) => {
    await passing.write?.(tx);
    const current = await tx.authorizationRequest.findUniqueOrThrow({ where: { id: row.id }, select: { amr: true } });
    await tx.authorizationRequest.update({ where: { id: row.id }, data: { amr: [...new Set([...current.amr, ...added])] } });
    // Later requests that reuse the SSO session count the factor as passed (steps.ts factorPassed).
    if (row.ssoSessionId) {
      const session = await tx.ssoSession.findUnique({ where: { id: row.ssoSessionId }, select: { amr: true } });
      if (session) await tx.ssoSession.update({ where: { id: row.ssoSessionId }, data: { amr: [...new Set([...session.amr, ...added])] } });
    }
    if (passing.remember && config().enableMfaRememberDevice) {
      cookie = await rememberDevice(tx, { userId: user.id, type: passing.used, userAgent: context.userAgent });
    }
  });
  await recordSignInEvent({ appId: row.appId, user, method: FACTOR_STEP[passing.used], success: true, reason: passing.reason, ip: context.ip, userAgent: context.userAgent });
  return cookie ? { ...outcome, cookies: [...outcome.cookies, cookie] } : outcome;
}

async function wrongCode(row: FlowRow, user: User, context: BrowserContext, factor: MfaType): Promise<never> {
  await recordSignInEvent({ appId: row.appId, user, method: FACTOR_STEP[factor], success: false, reason: 'invalid_code', ip: context.ip, userAgent: context.userAgent });
  throw new AppError(IdentityErrors.invalid_code, undefined, { code: 'invalid_code' });
}

/** The request at `steps` and its user. */
async function codeStep(context: BrowserContext, accepts: (step: FlowStep | null) => boolean) {
  const row = await loadFlow(context.requestId, context.bindingSecret);
  const step = await currentStep(row);
  if (!accepts(step)) throw new AppError(IdentityErrors.wrong_step);
  const state = await stepState(row);
  return { row, step: step as MfaStep, state, user: state.user };
}

/** Claims an attempt of `code` before it is judged: per request (the step's 5), then per user + IP. */
async function claimCode(row: FlowRow, user: User, context: BrowserContext, code: CodeStep) {
  await claimRequestCode(row, code);
  return claimAttempt('mfa_code', { id: user.id, ip: context.ip });
}

// ───────────────────────────── actions ─────────────────────────────

/** mfa_enroll: the user picks one of the offered factors, which is then asked in this request. */
export async function chooseMfaEnrollment(context: BrowserContext, type: MfaType): Promise<FlowOutcome> {
  const row = await loadStep(context, 'mfa_enroll');
  const state = await stepState(row);
  if (!state.enrollOffer.includes(type)) throw new AppError(MfaErrors.factor_not_offered);
  return completeStep(row, 'mfa_enroll', async (tx) => {
    await tx.mfaEnrollment.upsert({ where: { userId_type: { userId: state.user.id, type } }, create: { userId: state.user.id, type }, update: {} });
  });
}

/** otp_setup / otp_mfa: a code from the authenticator app. */
export async function verifyOtpStep(context: BrowserContext, input: z.output<typeof mfaCodeInput>): Promise<FlowOutcome> {
  const { row, step, user } = await codeStep(context, (step) => step === 'otp_setup' || step === 'otp_mfa');
  const attempt = await claimCode(row, user, context, 'otp');
  const stored = await db.totpSecret.findUnique({ where: { userId: user.id } });
  const timeStep = await checkTotpCode(stored, input.code, row.id);
  if (timeStep === null) return wrongCode(row, user, context, 'otp');
  const outcome = await passFactor(row, user, context, {
    used: 'otp',
    step,
    remember: input.rememberDevice ?? false,
    reason: '',
    write: async (tx) => {
      await acceptTotpStep(tx, user.id, timeStep, row.id);
      await markEnrolled(tx, user.id, 'otp');
    },
  });
  await attempt.release();
  return outcome;
}

async function markEnrolled(tx: Tx, userId: string, type: MfaType) {
  await tx.mfaEnrollment.upsert({
    where: { userId_type: { userId, type } },
    create: { userId, type, verifiedAt: new Date() },
    update: { verifiedAt: new Date() },
  });
}

function smsScope(row: FlowRow): CodeScope {
  return { purpose: 'sms_mfa', authorizationRequestId: row.id };
}

function emailScope(row: FlowRow): CodeScope {
  return { purpose: 'email_mfa', authorizationRequestId: row.id };
}

async function sendSmsCode(row: FlowRow, user: User, context: BrowserContext, phoneNumber: string): Promise<void> {
  await checkAndCount('sms_mfa_message', { id: user.id, ip: context.ip });
  await limitPerIp(context.ip);
  const { code } = await issueOneTimeCode(db, { ...smsScope(row), userId: user.id, target: phoneNumber, notAfter: row.expiresAt });
  await sendSms({ to: phoneNumber, text: await smsCodeText(row.locale, { code, appName: row.app.name }) });
}

/** sms_mfa without a verified number: stores nothing yet, sends a code to the number typed. */
export async function setupSmsPhone(context: BrowserContext, phoneNumber: string): Promise<void> {
  const row = await loadStep(context, 'sms_mfa');
  const { user } = await stepState(row);
  if (user.smsPhoneNumberVerified) throw new AppError(IdentityErrors.wrong_step);
  if (!isE164(phoneNumber)) throw new AppError(MfaErrors.phone_number_required, undefined, { phoneNumber: 'invalid_phone_number' });
  await sendSmsCode(row, user, context, phoneNumber);
}

/** sms_mfa: (re)sends a code to the verified number, or to the number being set up. */
export async function resendSmsCode(context: BrowserContext): Promise<void> {
  const row = await loadStep(context, 'sms_mfa');
  const { user } = await stepState(row);
  const target = user.smsPhoneNumberVerified ? user.smsPhoneNumber : (await latestUnusedCode(smsScope(row)))?.target;
  if (!target) throw new AppError(MfaErrors.phone_number_required, undefined, { phoneNumber: 'required' });
  await sendSmsCode(row, user, context, target);
}

/** sms_mfa: the code from the SMS; verifies the number it was sent to. */
export async function verifySmsStep(context: BrowserContext, input: z.output<typeof mfaCodeInput>): Promise<FlowOutcome> {
  const { row, step, user } = await codeStep(context, (step) => step === 'sms_mfa');
  const attempt = await claimCode(row, user, context, 'sms');
  const check = await checkOneTimeCode(smsScope(row), input.code);
  if (!check.ok) return wrongCode(row, user, context, 'sms');
  const outcome = await passFactor(row, user, context, {
    used: 'sms',
    step,
    remember: input.rememberDevice ?? false,
    reason: '',
    write: async (tx) => {
      if (!(await consumeOneTimeCode(tx, check.code.id))) throw new AppError(IdentityErrors.invalid_code, undefined, { code: 'invalid_code' });
      await tx.user.update({ where: { id: user.id }, data: { smsPhoneNumber: check.code.target, smsPhoneNumberVerified: true } });
      await markEnrolled(tx, user.id, 'sms');
    },
  });
  await attempt.release();
  return outcome;
}

/** email_mfa, or the email fallback of the TOTP / SMS step: emails a code (replacing the earlier one). */
export async function sendEmailMfaCode(context: BrowserContext): Promise<void> {
  const row = await loadFlow(context.requestId, context.bindingSecret);
  const step = await currentStep(row);
  const state = await stepState(row);
  if (step !== 'email_mfa' && !emailFallbackAllowed(step, state)) {
    throw new AppError(step === 'otp_mfa' || step === 'sms_mfa' ? MfaErrors.email_fallback_unavailable : IdentityErrors.wrong_step);
  }
  const { user } = state;
  if (!user.email) throw new AppError(MfaErrors.no_email_address);
  await checkAndCount('email_mfa_email', { id: user.id, ip: context.ip });
  await limitPerIp(context.ip);
  const { code, expiresIn } = await issueOneTimeCode(db, { ...emailScope(row), userId: user.id, target: user.email, notAfter: row.expiresAt });
  await sendEmail({
    to: user.email,
    locale: row.locale,
    template: 'email_mfa_code',
    data: { name: user.firstName, code, expiresIn },
    branding: (await brandingForOrgSlug(row.orgSlug)).email,
  });
}

/** email_mfa, or the email fallback of the TOTP / SMS step: the code from the email. */
export async function verifyEmailMfaStep(context: BrowserContext, input: z.output<typeof mfaCodeInput>): Promise<FlowOutcome> {
  const { row, step, state, user } = await codeStep(context, (step) => step === 'email_mfa' || step === 'otp_mfa' || step === 'sms_mfa');
  if (step !== 'email_mfa' && !emailFallbackAllowed(step, state)) throw new AppError(MfaErrors.email_fallback_unavailable);
  const attempt = await claimCode(row, user, context, 'email');
  const check = await checkOneTimeCode(emailScope(row), input.code);
  if (!check.ok) return wrongCode(row, user, context, 'email');
  const outcome = await passFactor(row, user, context, {
    used: 'email',
    step,
    remember: input.rememberDevice ?? false,
    reason: step === 'email_mfa' ? '' : 'email_fallback',
    write: async (tx) => {
      if (!(await consumeOneTimeCode(tx, check.code.id))) throw new AppError(IdentityErrors.invalid_code, undefined, { code: 'invalid_code' });
      if (step === 'email_mfa') await tx.mfaEnrollment.updateMany({ where: { userId: user.id, type: 'email' }, data: { verifiedAt: new Date() } });
    },
  });
  await attempt.release();
  return outcome;
}

/**
 * The factor of the current step, when this browser remembers it for the request's user (the
 * cookie of rememberCookieName(factor)); null otherwise. TOTP setup is never skipped.
 */
export async function rememberedFactor(requestId: string | undefined, bindingSecret: string | undefined, cookieOf: (type: MfaType) => string | undefined) {
  if (!config().enableMfaRememberDevice) return null;
  const row = await loadFlow(requestId, bindingSecret);
  const step = await currentStep(row);
  if (step !== 'otp_mfa' && step !== 'sms_mfa' && step !== 'email_mfa') return null;
  const factor = STEP_FACTOR[step];
  return (await findRememberedDevice(cookieOf(factor), row.userId!, factor)) ? factor : null;
}

/** Passes the current step with this browser's remembered device (GET /identity/v1/mfa-remembered). */
export async function passWithRememberedDevice(context: BrowserContext, cookieOf: (type: MfaType) => string | undefined): Promise<FlowOutcome> {
  const row = await loadFlow(context.requestId, context.bindingSecret);
  const step = await currentStep(row);
  if (step !== 'otp_mfa' && step !== 'sms_mfa' && step !== 'email_mfa') throw new AppError(IdentityErrors.wrong_step);
  const factor = STEP_FACTOR[step];
  const device = await findRememberedDevice(cookieOf(factor), row.userId!, factor);
  if (!device) throw new AppError(IdentityErrors.wrong_step);
  const { user } = await stepState(row);
  return passFactor(row, user, context, {
    used: factor,
    step,
    remember: false,
    reason: 'remembered_device',
    write: async (tx) => {
      await tx.rememberedDevice.update({ where: { id: device.id }, data: { lastUsedAt: new Date() } });
    },
  });
}
