// Passwordless sign-in (ENABLE_PASSWORDLESS_SIGN_IN; Melody's POST /identity/v1/authorize-
// passwordless, send-passwordless-code, process-passwordless-code): the user gives an email
// address, gets a 6-digit code (or, with USE_PASSWORDLESS_AS_MAGIC_LINK, a link) and is signed in.
//
// Rules:
// - Every well-formed address gets a code and the same answer (the passwordless_verify page): no
//   account is looked up, created or attached until the code is right, so nothing tells known,
//   unknown and disabled addresses apart, and typos leave no accounts behind (Melody creates the
//   account at once). The address lives on the code row (`target`).
// - The right code signs the user in with amr ["otp"] and proves the address: an existing local
//   account is marked verified; an unknown address becomes a new account without password
//   (verified, member of the request's public org; an org closed to registration refuses it, like
//   sign-up); a disabled account gets account_disabled — only the mailbox owner ever learns that.
// - Codes: 6 digits (or a 32-byte link token), 5 minutes and never past the request, single use,
//   5 guesses each, bound to the request; a new one (resend, another address) replaces the old.
//   Sends: EMAIL_MFA_EMAIL_THRESHOLD per address + IP per 30 min (Melody counts passwordless sends
//   as email MFA sends) and the per-IP limit; wrong codes: MFA_CODE_VERIFY_THRESHOLD per address + IP
//   and 5 per request (then the request ends), both claimed before a code is judged.
// - Magic link: /identity/v1/magic-link?request=…&token=… completes the request only in the
//   browser that started it (its binding cookie). In another browser nothing is consumed: the page
//   says to open the link where sign-in started. Completing it elsewhere would hand a session for
//   the victim's account to whoever started the request (phishing), and the code could not reach
//   the app anyway (its PKCE verifier and state live in the first browser).
import { z } from 'zod';
import { recordAudit } from '@/lib/audit';
import { emitEvent, eventUserOf } from '@/lib/events';
import { config } from '@/lib/config';
import { db, type Tx } from '@/lib/db';
import type { User } from '@/lib/db/generated/client';
import { sendEmail } from '@/lib/email';
import { AppError, CommonErrors, isAppError } from '@/lib/errors';
import { defineAction, Flow, FlowErrors, openFlow, type FlowContext, type FlowOutcome, type FlowRow, type FlowStep } from '@/lib/flow';
import { checkOneTimeCode, consumeOneTimeCode, hasLiveCode, issueOneTimeCode, latestUnusedCode } from '@/lib/one-time-codes';
import { withQuery } from '@/lib/apps/redirect-uris';
import { brandingForOrgSlug } from '@/lib/orgs/hosted-branding';
import { checkAndCount, claimAttempt, limitPerIp } from '@/lib/rate-limit';
import { isEmailAddress, normalizeEmail } from '@/lib/email/address';
import { UserErrors } from '@/lib/users/errors';
import { proveAddressControl } from './address-proof';
import { claimRequestCode } from './code-attempts';
import { IdentityErrors } from './errors';
import { recordRefusedSignIn } from './sign-in';
import { signUpOrg } from './sign-up';

export const passwordlessEmailInput = z.object({ email: z.string().trim().max(320) });
export const passwordlessCodeInput = z.object({ code: z.string().trim().max(16) });

/**
 * passwordless_verify: before a user is known, while the request waits for its passwordless code
 * (the address lives on the code row, not on the request).
 */
export const passwordlessVerifyStep: FlowStep = {
  name: 'passwordless_verify',
  page: 'passwordless-verify',
  phase: 'identify',
  async applies({ row }) {
    if (!config().enablePasswordlessSignIn) return false;
    return (await db.oneTimeCode.count({ where: { authorizationRequestId: row.id, purpose: 'passwordless', consumedAt: null } })) > 0;
  },
};

function assertEnabled() {
  if (!config().enablePasswordlessSignIn) throw new AppError(IdentityErrors.passwordless_disabled);
}

const scopeOf = (row: { id: string }) => ({ purpose: 'passwordless' as const, authorizationRequestId: row.id });

async function sendPasswordlessEmail(flow: Flow, email: string): Promise<void> {
  const { row } = flow;
  const { ip } = flow.context;
  await checkAndCount('email_mfa_email', { id: email, ip });
  await limitPerIp(ip);
  // A magic link completes the request in the browser that started it: embedded sessions, which
  // have no browser on our side, always get a code to type into the app.
  const magic = config().usePasswordlessAsMagicLink && flow.surface === 'hosted';
  const issued = await issueOneTimeCode(db, { ...scopeOf(row), target: email, kind: magic ? 'link' : 'digits', notAfter: row.expiresAt });
  const branding = (await brandingForOrgSlug(row.orgSlug)).email;
  if (magic) {
    const link = withQuery(`${config().authServerUrl}/identity/v1/magic-link`, { request: row.id, token: issued.code, locale: row.locale });
    await sendEmail({ to: email, locale: row.locale, template: 'magic_link', data: { link, expiresIn: issued.expiresIn }, branding });
  } else {
    await sendEmail({ to: email, locale: row.locale, template: 'passwordless_code', data: { code: issued.code, expiresIn: issued.expiresIn }, branding });
  }
}

/** The email step: sends a code (or link) to any well-formed address and moves to passwordless_verify. */
export const startPasswordless = defineAction<z.output<typeof passwordlessEmailInput>, FlowOutcome>({
  // From the verify page, "use another address" comes back here: the new code replaces the old.
  steps: ['sign_in', 'passwordless_verify'],
  async run(flow, input) {
    assertEnabled();
    if (!input.email) throw new AppError(CommonErrors.invalid_input, 'Enter an email address.', { email: 'required' });
    if (!isEmailAddress(input.email)) throw new AppError(CommonErrors.invalid_input, 'Invalid email address.', { email: 'invalid_email' });
    await sendPasswordlessEmail(flow, normalizeEmail(input.email));
    return flow.advance();
  },
});

/** "Send again": a new code (or link) to the same address. */
export const resendPasswordless = defineAction<void, void>({
  steps: 'passwordless_verify',
  async run(flow) {
    assertEnabled();
    const pending = await latestUnusedCode(scopeOf(flow.row));
    if (!pending) throw new AppError(FlowErrors.wrong_step);
    await sendPasswordlessEmail(flow, pending.target);
  },
});

/** "Use another address": forgets the pending code and returns to the email step. */
export const cancelPasswordless = defineAction<void, FlowOutcome>({
  steps: 'passwordless_verify',
  async run(flow) {
    await db.oneTimeCode.deleteMany({ where: { ...scopeOf(flow.row), consumedAt: null } });
    return flow.advance();
  },
});

/** In the sign-in transaction: the account of a verified address, found (and marked verified) or created. */
async function accountFor(tx: Tx, row: FlowRow, email: string, ip: string): Promise<User> {
  const existing = await tx.user.findUnique({ where: { authProvider_email: { authProvider: 'local', email } } });
  if (existing) {
    if (!existing.isActive) throw new AppError(UserErrors.account_disabled);
    if (existing.emailVerified) return existing;
    // The code proved the address, never verified before: what was set up meanwhile goes (this
    // sign-in's own SSO session is started after this).
    await proveAddressControl(tx, existing.id, { via: 'passwordless', ip, keep: { requestId: row.id } });
    return tx.user.findUniqueOrThrow({ where: { id: existing.id } });
  }
  const { org, closed } = await signUpOrg(row.orgSlug, tx);
  if (closed) throw new AppError(IdentityErrors.registration_closed);
  const user = await tx.user.create({
    data: {
      email,
      emailVerified: true,
      emailVerifiedAt: new Date(),
      locale: row.locale,
      ...(org ? { activeOrgId: org.id, orgs: { create: { orgId: org.id } } } : {}),
    },
  });
  await recordAudit(tx, { type: 'user', id: user.id, ip }, {
    action: 'user.signed_up',
    targetType: 'user',
    targetId: user.id,
    after: { email, method: 'passwordless', orgSlug: org?.slug ?? null, appId: row.appId },
  });
  await emitEvent(tx, { type: 'user', id: user.id }, 'identity.user.created', { user: eventUserOf(user), via: 'passwordless' });
  return user;
}

/** Checks a code or link token of this request (wrong ones counted per address + IP) and signs the user in. */
async function completeWithCode(flow: Flow, code: string, method: 'passwordless' | 'magic_link'): Promise<FlowOutcome> {
  assertEnabled();
  const { row } = flow;
  const pending = await latestUnusedCode(scopeOf(row));
  await claimRequestCode(row, 'passwordless');
  const attempt = await claimAttempt('mfa_code', { id: pending?.target ?? row.id, ip: flow.context.ip });
  const check = await checkOneTimeCode(scopeOf(row), code);
  const invalid = method === 'magic_link' ? IdentityErrors.magic_link_invalid : IdentityErrors.invalid_code;
  if (!check.ok) {
    await recordRefusedSignIn(flow, { method, email: pending?.target ?? null, reason: 'invalid_code' });
    throw new AppError(invalid, undefined, { code: 'invalid_code' });
  }
  const outcome = await flow.signIn({ amr: ['otp'], method }, async (tx) => {
    if (!(await consumeOneTimeCode(tx, check.code.id))) throw new AppError(invalid, undefined, { code: 'invalid_code' });
    return accountFor(tx, row, check.code.target, flow.context.ip);
  });
  await attempt.release();
  return outcome;
}

/** The 6-digit code from the email. */
export const verifyPasswordlessCode = defineAction<z.output<typeof passwordlessCodeInput>, FlowOutcome>({
  steps: 'passwordless_verify',
  run: (flow, input) => completeWithCode(flow, input.code, 'passwordless'),
});

/**
 * The emailed link (GET /identity/v1/magic-link). Refused without consuming anything when the
 * browser did not start the request (magic_link_other_browser) or the request moved on.
 */
export async function completeMagicLink(context: FlowContext, token: string): Promise<FlowOutcome> {
  let flow: Flow;
  try {
    flow = await openFlow(context);
  } catch (error) {
    if (isAppError(error) && error.code === FlowErrors.request_not_found.code && context.requestId) {
      const exists = await db.authorizationRequest.count({ where: { id: context.requestId } }).catch(() => 0);
      if (exists) throw new AppError(IdentityErrors.magic_link_other_browser);
    }
    throw error;
  }
  if (!config().usePasswordlessAsMagicLink || flow.step?.name !== 'passwordless_verify') {
    throw new AppError(IdentityErrors.magic_link_invalid);
  }
  return completeWithCode(flow, token, 'magic_link');
}

/** The passwordless_verify page: where the code went, and whether one is live. */
export async function getPasswordlessView(context: FlowContext) {
  const flow = await openFlow(context);
  const { row } = flow;
  const base = { appName: row.app.name, locale: row.locale, orgSlug: row.orgSlug, magicLink: config().usePasswordlessAsMagicLink };
  if (flow.step?.name !== 'passwordless_verify') {
    if (!flow.step) throw new AppError(FlowErrors.request_not_found);
    return { ...base, redirectTo: flow.locationOf(flow.step), email: '', codeSent: false };
  }
  const pending = await latestUnusedCode(scopeOf(row));
  return { ...base, redirectTo: null, email: pending?.target ?? '', codeSent: await hasLiveCode(scopeOf(row)) };
}
