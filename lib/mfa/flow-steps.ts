// The MFA steps of the sign-in (which one applies: steps.ts), registered with the flow core:
// their guards, the pages' views and actions — the enrollment prompt, TOTP setup and codes, SMS
// (number setup, send, code), email codes, the email fallback and remembered devices. The hosted
// pages and the Embedded Auth API drive the same actions.
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
//   the device for that factor (a cookie for the surface's path). Wrong codes are logged as failed
//   MFA events.
// - A remembered device passes its factor's step as soon as an action moves the request onto it
//   (the request carries the cookie), or, for a request that starts there, through the step
//   page's redirect hop (GET /identity/v1/mfa-remembered).
import { z } from 'zod';
import { config } from '@/lib/config';
import { db, type Tx } from '@/lib/db';
import type { MfaType, User } from '@/lib/db/generated/client';
import { sendEmail } from '@/lib/email';
import { AppError } from '@/lib/errors';
import { emitEvent } from '@/lib/events';
import { REFUSAL_ACTOR } from '@/lib/identity/sign-in';
import { defineAction, FlowErrors, openFlow, type CookieSpec, type Flow, type FlowContext, type FlowHandle, type FlowOutcome, type FlowStep, type StepFacts } from '@/lib/flow';
import { claimRequestCode, type CodeStep } from '@/lib/identity/code-attempts';
import { IdentityErrors } from '@/lib/identity/errors';
import { recordSignInEvent } from '@/lib/logs/sign-in';
import { checkOneTimeCode, consumeOneTimeCode, hasLiveCode, issueOneTimeCode, latestUnusedCode, type CodeScope } from '@/lib/one-time-codes';
import { brandingForOrgSlug } from '@/lib/orgs/hosted-branding';
import { checkAndCount, claimAttempt, limitPerIp } from '@/lib/rate-limit';
import { isE164, sendSms } from '@/lib/sms';
import { MfaErrors } from './errors';
import { findRememberedDevice, rememberCookieName, rememberDevice } from './remember-device';
import { FACTOR_AMR, FACTOR_STEP, MFA_STEP_PATHS, mfaState, mfaStep, type MfaStep } from './steps';
import { smsCodeText } from './sms-text';
import { acceptTotpStep, checkTotpCode, pendingTotpSecret, totpSetupView } from './totp';

export const mfaCodeInput = z.object({ code: z.string().trim().max(16), rememberDevice: z.boolean().optional() });
export const phoneNumberInput = z.object({ phoneNumber: z.string().trim().max(20) });

/** The factor each verification step checks. */
const STEP_FACTOR: Record<Exclude<MfaStep, 'mfa_enroll'>, MfaType> = { otp_setup: 'otp', otp_mfa: 'otp', sms_mfa: 'sms', email_mfa: 'email' };

const isFactorStep = (name: string | undefined): name is 'otp_mfa' | 'sms_mfa' | 'email_mfa' => name === 'otp_mfa' || name === 'sms_mfa' || name === 'email_mfa';

async function stepState(flow: { row: Flow['row'] }) {
  const state = await mfaState(flow.row);
  if (!state) throw new AppError(FlowErrors.request_not_found);
  return state;
}

/** A step page's request: its MFA state, or where the browser must go instead. */
async function pageFlow(context: FlowContext, accepts: (step: string) => boolean) {
  const flow = await openFlow(context);
  // Nothing left to do but the request still here: only a racing tab can see this.
  if (!flow.step) throw new AppError(FlowErrors.wrong_step);
  if (!accepts(flow.step.name)) return { redirectTo: flow.locationOf(flow.step), flow, step: flow.step.name as MfaStep } as const;
  return { redirectTo: null, flow, step: flow.step.name as MfaStep, state: await stepState(flow) } as const;
}

function base(flow: Flow) {
  const { row } = flow;
  return { appName: row.app.name, orgSlug: row.orgSlug, locale: row.locale, rememberDevice: config().enableMfaRememberDevice };
}

/** Whether a code by email may stand in for the current TOTP or SMS step. */
function emailFallbackAllowed(step: string | null | undefined, state: Awaited<ReturnType<typeof stepState>>): boolean {
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

export async function getEnrollView(context: FlowContext) {
  const page = await pageFlow(context, (step) => step === 'mfa_enroll');
  if (page.redirectTo !== null || !page.state) return { redirectTo: page.redirectTo, ...base(page.flow), offer: [] as MfaType[] };
  return { redirectTo: null, ...base(page.flow), offer: page.state.enrollOffer };
}

/** The TOTP setup (QR code and key) of the request's user, while the secret is unverified. */
async function otpSetup(flow: Flow, state: Awaited<ReturnType<typeof stepState>>) {
  return totpSetupView(await pendingTotpSecret(state.user.id, flow.row.id), {
    issuer: config().branding.emailSenderName || flow.row.app.name,
    label: state.user.email ?? state.user.id,
  });
}

export async function getOtpView(context: FlowContext) {
  const page = await pageFlow(context, (step) => step === 'otp_setup' || step === 'otp_mfa');
  const empty = { setup: null, allowEmailFallback: false };
  if (page.redirectTo !== null || !page.state) return { redirectTo: page.redirectTo, ...base(page.flow), ...empty };
  const { flow, state } = page;
  const setup = page.step === 'otp_setup' ? await otpSetup(flow, state) : null;
  return { redirectTo: null, ...base(flow), setup, allowEmailFallback: emailFallbackAllowed(page.step, state), step: page.step };
}

export async function getSmsView(context: FlowContext) {
  const page = await pageFlow(context, (step) => step === 'sms_mfa');
  if (page.redirectTo !== null || !page.state) {
    return { redirectTo: page.redirectTo, ...base(page.flow), phoneNumber: null, needsSetup: false, codeSent: false, allowEmailFallback: false };
  }
  const { flow, state } = page;
  const pending = await latestUnusedCode(smsScope(flow));
  const number = state.user.smsPhoneNumberVerified ? state.user.smsPhoneNumber : (pending?.target ?? null);
  return {
    redirectTo: null,
    ...base(flow),
    phoneNumber: number ? maskPhone(number) : null,
    needsSetup: !state.user.smsPhoneNumberVerified,
    codeSent: await hasLiveCode(smsScope(flow)),
    allowEmailFallback: emailFallbackAllowed(page.step, state),
  };
}

/** The email step, or (fallback) an email code in place of the current TOTP / SMS step. */
export async function getEmailView(context: FlowContext, fallback: boolean) {
  const page = await pageFlow(context, (step) => step === 'email_mfa' || (fallback && (step === 'otp_mfa' || step === 'sms_mfa')));
  if (page.redirectTo !== null || !page.state) return { redirectTo: page.redirectTo, ...base(page.flow), email: '', codeSent: false, fallbackFor: null };
  const { flow, state } = page;
  if (page.step !== 'email_mfa' && !emailFallbackAllowed(page.step, state)) {
    return { redirectTo: flow.locationOf(page.step), ...base(flow), email: '', codeSent: false, fallbackFor: null };
  }
  return {
    redirectTo: null,
    ...base(flow),
    email: maskEmail(state.user.email ?? ''),
    codeSent: await hasLiveCode(emailScope(flow)),
    fallbackFor: page.step === 'email_mfa' ? null : page.step,
  };
}

/** What the Embedded Auth API's MFA GETs return (Melody's fields), for a request at one of `steps`. */
export const embeddedMfaInfo = {
  /** GET mfa-enrollment: the factors offered. */
  enrollment: defineAction<void, { mfaTypes: MfaType[] }>({
    steps: 'mfa_enroll',
    run: async (flow) => ({ mfaTypes: (await stepState(flow)).enrollOffer }),
  }),
  /** GET otp-mfa-setup: the otpauth URI and the key, while the secret is unverified. */
  otpSetup: defineAction<void, { otpUri: string; otpSecret: string }>({
    steps: 'otp_setup',
    async run(flow) {
      const setup = await otpSetup(flow, await stepState(flow));
      return { otpUri: setup.uri, otpSecret: setup.secret };
    },
  }),
  /** GET otp-mfa. */
  otp: defineAction<void, { allowFallbackToEmailMfa: boolean }>({
    steps: ['otp_setup', 'otp_mfa'],
    run: async (flow) => ({ allowFallbackToEmailMfa: emailFallbackAllowed(flow.step!.name, await stepState(flow)) }),
  }),
  /** GET sms-mfa: the masked number (null while none is set up). */
  sms: defineAction<void, { allowFallbackToEmailMfa: boolean; countryCode: string; phoneNumber: string | null }>({
    steps: 'sms_mfa',
    async run(flow) {
      const state = await stepState(flow);
      const number = state.user.smsPhoneNumberVerified ? state.user.smsPhoneNumber : null;
      return { allowFallbackToEmailMfa: emailFallbackAllowed('sms_mfa', state), countryCode: '', phoneNumber: number ? maskPhone(number) : null };
    },
  }),
};

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

async function passFactor(flow: Flow, user: User, passing: Passing): Promise<FlowOutcome> {
  const { row, context } = flow;
  const added = [FACTOR_AMR[passing.used], 'mfa'];
  let cookie: CookieSpec | null = null;
  const outcome = await flow.complete(passing.step, async (tx) => {
    await passing.write?.(tx);
    const current = await tx.authorizationRequest.findUniqueOrThrow({ where: { id: row.id }, select: { amr: true } });
    await tx.authorizationRequest.update({ where: { id: row.id }, data: { amr: [...new Set([...current.amr, ...added])] } });
    // Later requests that reuse the SSO session count the factor as passed (steps.ts factorPassed).
    if (row.ssoSessionId) {
      const session = await tx.ssoSession.findUnique({ where: { id: row.ssoSessionId }, select: { amr: true } });
      if (session) await tx.ssoSession.update({ where: { id: row.ssoSessionId }, data: { amr: [...new Set([...session.amr, ...added])] } });
    }
    if (passing.remember && config().enableMfaRememberDevice) {
      cookie = await rememberDevice(tx, { userId: user.id, type: passing.used, userAgent: context.userAgent, surface: flow.surface });
    }
  });
  await recordSignInEvent({ appId: row.appId, user, method: FACTOR_STEP[passing.used], success: true, reason: passing.reason, ip: context.ip, userAgent: context.userAgent });
  return cookie ? { ...outcome, cookies: [...outcome.cookies, cookie] } : outcome;
}

async function wrongCode(flow: Flow, user: User, factor: MfaType): Promise<never> {
  const { context } = flow;
  await recordSignInEvent({ appId: flow.row.appId, user, method: FACTOR_STEP[factor], success: false, reason: 'invalid_code', ip: context.ip, userAgent: context.userAgent });
  await emitEvent(db, REFUSAL_ACTOR, 'identity.auth.login.failed', { authId: user.id, clientId: flow.row.app.clientId, method: FACTOR_STEP[factor], reason: 'invalid_code', ip: context.ip });
  throw new AppError(IdentityErrors.invalid_code, undefined, { code: 'invalid_code' });
}

/**
 * The request's MFA state, with an attempt of `code` claimed before it is judged: per request (the
 * step's 5), then per user + IP (released when the code is right).
 */
async function codeState(flow: Flow, code: CodeStep) {
  const state = await stepState(flow);
  await claimRequestCode(flow.row, code);
  const attempt = await claimAttempt('mfa_code', { id: state.user.id, ip: flow.context.ip });
  return { ...state, attempt };
}

// ───────────────────────────── actions ─────────────────────────────

/** mfa_enroll: the user picks one of the offered factors, which is then asked in this request. */
export const chooseMfaEnrollment = defineAction<MfaType, FlowOutcome>({
  steps: 'mfa_enroll',
  async run(flow, type) {
    const state = await stepState(flow);
    if (!state.enrollOffer.includes(type)) throw new AppError(MfaErrors.factor_not_offered);
    return flow.complete('mfa_enroll', async (tx) => {
      await tx.mfaEnrollment.upsert({ where: { userId_type: { userId: state.user.id, type } }, create: { userId: state.user.id, type }, update: {} });
      // TOTP and SMS count as enrolled once their first code passes (markEnrolled); email needs no setup.
      if (type === 'email') await emitEvent(tx, { type: 'user', id: state.user.id }, 'identity.mfa.enrolled', { authId: state.user.id, factor: 'email' });
    });
  },
});

/** otp_setup / otp_mfa: a code from the authenticator app. */
export const verifyOtpStep = defineAction<z.output<typeof mfaCodeInput>, FlowOutcome>({
  steps: ['otp_setup', 'otp_mfa'],
  async run(flow, input) {
    const { user, attempt } = await codeState(flow, 'otp');
    const stored = await db.totpSecret.findUnique({ where: { userId: user.id } });
    const timeStep = await checkTotpCode(stored, input.code, flow.row.id);
    if (timeStep === null) return wrongCode(flow, user, 'otp');
    const outcome = await passFactor(flow, user, {
      used: 'otp',
      step: flow.step!.name as MfaStep,
      remember: input.rememberDevice ?? false,
      reason: '',
      write: async (tx) => {
        await acceptTotpStep(tx, user.id, timeStep, flow.row.id);
        await markEnrolled(tx, user.id, 'otp');
      },
    });
    await attempt.release();
    return outcome;
  },
});

async function markEnrolled(tx: Tx, userId: string, type: MfaType) {
  const existing = await tx.mfaEnrollment.findUnique({ where: { userId_type: { userId, type } }, select: { verifiedAt: true } });
  if (!existing?.verifiedAt) await emitEvent(tx, { type: 'user', id: userId }, 'identity.mfa.enrolled', { authId: userId, factor: type });
  await tx.mfaEnrollment.upsert({
    where: { userId_type: { userId, type } },
    create: { userId, type, verifiedAt: new Date() },
    update: { verifiedAt: new Date() },
  });
}

function smsScope(flow: { row: { id: string } }): CodeScope {
  return { purpose: 'sms_mfa', authorizationRequestId: flow.row.id };
}

function emailScope(flow: { row: { id: string } }): CodeScope {
  return { purpose: 'email_mfa', authorizationRequestId: flow.row.id };
}

/**
 * Texts a code. Toll fraud (issue 12 item 10): never for an account whose address is unverified
 * (unless addresses are never verified: anyone can sign up to pump numbers), and at most
 * SMS_ACCOUNT_THRESHOLD per account per day besides lib/sms's caps per number and per hour.
 */
async function sendSmsCode(flow: Flow, user: User, phoneNumber: string): Promise<void> {
  const { row, context } = flow;
  if (!user.emailVerified && config().emailVerificationMode !== 'none') throw new AppError(MfaErrors.sms_needs_verified_email);
  await checkAndCount('sms_mfa_message', { id: user.id, ip: context.ip });
  await checkAndCount('sms_account', { id: user.id });
  await limitPerIp(context.ip);
  const { code } = await issueOneTimeCode(db, { ...smsScope(flow), userId: user.id, target: phoneNumber, notAfter: row.expiresAt });
  await sendSms({ to: phoneNumber, text: await smsCodeText(row.locale, { code, appName: row.app.name }) });
}

/** sms_mfa without a verified number: stores nothing yet, sends a code to the number typed. */
export const setupSmsPhone = defineAction<string, void>({
  steps: 'sms_mfa',
  async run(flow, phoneNumber) {
    const { user } = await stepState(flow);
    if (user.smsPhoneNumberVerified) throw new AppError(FlowErrors.wrong_step);
    if (!isE164(phoneNumber)) throw new AppError(MfaErrors.phone_number_required, undefined, { phoneNumber: 'invalid_phone_number' });
    await sendSmsCode(flow, user, phoneNumber);
  },
});

/** sms_mfa: (re)sends a code to the verified number, or to the number being set up. */
export const resendSmsCode = defineAction<void, void>({
  steps: 'sms_mfa',
  async run(flow) {
    const { user } = await stepState(flow);
    const target = user.smsPhoneNumberVerified ? user.smsPhoneNumber : (await latestUnusedCode(smsScope(flow)))?.target;
    if (!target) throw new AppError(MfaErrors.phone_number_required, undefined, { phoneNumber: 'required' });
    await sendSmsCode(flow, user, target);
  },
});

/** sms_mfa: the code from the SMS; verifies the number it was sent to. */
export const verifySmsStep = defineAction<z.output<typeof mfaCodeInput>, FlowOutcome>({
  steps: 'sms_mfa',
  async run(flow, input) {
    const { user, attempt } = await codeState(flow, 'sms');
    const check = await checkOneTimeCode(smsScope(flow), input.code);
    if (!check.ok) return wrongCode(flow, user, 'sms');
    const outcome = await passFactor(flow, user, {
      used: 'sms',
      step: 'sms_mfa',
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
  },
});

/** The email step, or the TOTP / SMS step when a code by email may stand in for it. */
async function emailStepOrFallback(flow: Flow): Promise<boolean> {
  if (flow.step?.name === 'email_mfa') return true;
  if (flow.step?.name !== 'otp_mfa' && flow.step?.name !== 'sms_mfa') return false;
  if (!emailFallbackAllowed(flow.step.name, await stepState(flow))) throw new AppError(MfaErrors.email_fallback_unavailable);
  return true;
}

/** email_mfa, or the email fallback of the TOTP / SMS step: emails a code (replacing the earlier one). */
export const sendEmailMfaCode = defineAction<void, void>({
  steps: emailStepOrFallback,
  async run(flow) {
    const { row, context } = flow;
    const { user } = await stepState(flow);
    if (!user.email) throw new AppError(MfaErrors.no_email_address);
    await checkAndCount('email_mfa_email', { id: user.id, ip: context.ip });
    await limitPerIp(context.ip);
    const { code, expiresIn } = await issueOneTimeCode(db, { ...emailScope(flow), userId: user.id, target: user.email, notAfter: row.expiresAt });
    await sendEmail({
      to: user.email,
      locale: row.locale,
      template: 'email_mfa_code',
      data: { name: user.firstName, code, expiresIn },
      branding: (await brandingForOrgSlug(row.orgSlug)).email,
    });
  },
});

/** email_mfa, or the email fallback of the TOTP / SMS step: the code from the email. */
export const verifyEmailMfaStep = defineAction<z.output<typeof mfaCodeInput>, FlowOutcome>({
  steps: emailStepOrFallback,
  async run(flow, input) {
    const step = flow.step!.name as MfaStep;
    const { user, attempt } = await codeState(flow, 'email');
    const check = await checkOneTimeCode(emailScope(flow), input.code);
    if (!check.ok) return wrongCode(flow, user, 'email');
    const outcome = await passFactor(flow, user, {
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
  },
});

// ───────────────────────────── remembered devices ─────────────────────────────

/** The remembered device this request carries for its current factor step, or null. TOTP setup is never skipped. */
async function rememberedDeviceOf(flow: FlowHandle) {
  if (!config().enableMfaRememberDevice || !flow.context.cookie || !isFactorStep(flow.step?.name)) return null;
  const factor = STEP_FACTOR[flow.step.name];
  const device = await findRememberedDevice(flow.context.cookie(rememberCookieName(factor)), flow.row.userId!, factor);
  return device ? { device, factor } : null;
}

/** Passes the current step with this request's remembered device, or returns null when it has none. */
async function passRemembered(flow: Flow): Promise<FlowOutcome | null> {
  const remembered = await rememberedDeviceOf(flow);
  if (!remembered) return null;
  const { user } = await stepState(flow);
  return passFactor(flow, user, {
    used: remembered.factor,
    step: flow.step!.name as MfaStep,
    remember: false,
    reason: 'remembered_device',
    write: async (tx) => {
      await tx.rememberedDevice.update({ where: { id: remembered.device.id }, data: { lastUsedAt: new Date() } });
    },
  });
}

/** Whether an MFA step page should send this browser through the remembered-device hop. */
export async function rememberedFactor(context: FlowContext): Promise<MfaType | null> {
  return (await rememberedDeviceOf(await openFlow(context)))?.factor ?? null;
}

/** Passes the current step with this browser's remembered device (GET /identity/v1/mfa-remembered). */
export const passWithRememberedDevice = defineAction<void, FlowOutcome>({
  steps: ['otp_mfa', 'sms_mfa', 'email_mfa'],
  async run(flow) {
    const outcome = await passRemembered(flow);
    if (!outcome) throw new AppError(FlowErrors.wrong_step);
    return outcome;
  },
});

// ───────────────────────────── the steps ─────────────────────────────

/** The MFA step the request needs, worked out once per evaluation for the five guards. */
const pendingMfaStep = (facts: StepFacts) => facts.memo('mfa_step', () => mfaStep(facts.row));

function mfaFlowStep(name: MfaStep): FlowStep {
  return {
    name,
    page: MFA_STEP_PATHS[name],
    phase: 'account',
    applies: async (facts) => (await pendingMfaStep(facts)) === name,
    ...(isFactorStep(name) ? { enter: async (flow: FlowHandle) => (await passRemembered(flow as Flow)) ?? undefined } : {}),
  };
}

/** In Melody's order: the enrollment prompt, TOTP (setup or code), SMS, email. */
export const MFA_STEPS: readonly FlowStep[] = (['mfa_enroll', 'otp_setup', 'otp_mfa', 'sms_mfa', 'email_mfa'] as const).map(mfaFlowStep);
