// Sign-up from the hosted pages (Melody's POST /identity/v1/authorize-account): a new local
// account, signed in on the request that showed the form, which then continues.
//
// Rules:
// - ENABLE_SIGN_UP (off under ENABLE_PASSWORDLESS_SIGN_IN), at the request's sign_in step.
// - Email: the users' permissive rule, stored lower-cased. Password: the self-service rule of
//   lib/users/password-policy (Melody's: 8+ characters, lower, upper, digit, symbol).
// - Names: hidden unless ENABLE_NAMES (then dropped if sent), required when NAMES_IS_REQUIRED.
// - Attributes (ENABLE_USER_ATTRIBUTE): those of the sign-up form, validated by
//   lib/user-attributes (required, regex with the deployer's localized message, uniqueness).
// - Org (ENABLE_ORG and an `org` on the request): an org whose allowPublicRegistration is false
//   refuses sign-up (registration_closed; Melody silently creates the account without the org); a
//   public org makes the account a member with it as active org; a branding-only org just brands.
// - An email that already has a local account fails with email_taken on the email field, as in
//   Melody (a sign-up form cannot hide that without giving up signing the user in at once). Only
//   after every other check and the password hashing, so the answer costs the same work; the
//   per-IP send limit (IP_SEND_THRESHOLD) bounds probing when the client IP is known.
// - Every field error is reported at once: fields { <name>: <code> } (attributes.<id>: a code, or
//   the deployer's validation message for a pattern mismatch).
// - One transaction: account, org membership, attribute values, verification code, audit event,
//   SSO session and the request. Then the verification email (code + link), or the welcome email
//   when REPLACE_EMAIL_VERIFICATION_WITH_WELCOME_EMAIL; a failed send does not undo the sign-up
//   (the verify_email page can send again).
import { z } from 'zod';
import { recordAudit } from '@/lib/audit';
import { emitEvent, eventUserOf } from '@/lib/events';
import { runBeforeSignUp, toHookApp } from '@/lib/hooks';
import { config } from '@/lib/config';
import { hashPassword } from '@/lib/crypto/password';
import { db, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/db/generated/client';
import { sendEmail } from '@/lib/email';
import { AppError, CommonErrors } from '@/lib/errors';
import { defineAction, FlowErrors, openFlow, type Flow, type FlowContext, type FlowOutcome, type FlowRow } from '@/lib/flow';
import { brandingForOrgSlug } from '@/lib/orgs/hosted-branding';
import { limitPerIp } from '@/lib/rate-limit';
import { listSignUpAttributes } from '@/lib/user-attributes/admin';
import { AttributeValuesError, checkAttributeValues, saveAttributeValues, type AttributeIssue } from '@/lib/user-attributes/values';
import { isEmailAddress, normalizeEmail } from '@/lib/email/address';
import { UserErrors } from '@/lib/users/errors';
import { PASSWORD_POLICY_MAX_LENGTH, passwordPolicyIssues } from '@/lib/users/password-policy';
import { issueVerificationCode, verificationLink } from './email-verification';
import { IdentityErrors } from './errors';

export const NAME_MAX_LENGTH = 100;

export const signUpInput = z.object({
  email: z.string().trim().max(320),
  password: z.string().max(PASSWORD_POLICY_MAX_LENGTH),
  firstName: z.string().trim().max(NAME_MAX_LENGTH).optional(),
  lastName: z.string().trim().max(NAME_MAX_LENGTH).optional(),
  attributes: z.record(z.string().max(64), z.string().max(2000).nullable()).optional(),
});
export type SignUpInput = z.output<typeof signUpInput>;

/** The org the request names, when orgs are on: what a new account may do with it (sign-up, passwordless). */
export async function signUpOrg(orgSlug: string, client: Tx | typeof db = db) {
  if (!orgSlug || !config().enableOrg) return { org: null, closed: false };
  const org = await client.org.findUnique({ where: { slug: orgSlug } });
  if (!org || org.onlyUseForBrandingOverride) return { org: null, closed: false };
  return org.allowPublicRegistration ? { org, closed: false } : { org: null, closed: true };
}

function attributeFieldValue(issue: AttributeIssue): string {
  return issue.reason === 'invalid' ? issue.message : issue.reason;
}

export const signUp = defineAction<SignUpInput, FlowOutcome>({ steps: 'sign_in', run: signUpOnFlow });

async function signUpOnFlow(flow: Flow, input: SignUpInput): Promise<FlowOutcome> {
  const { row, context } = flow;
  const settings = config();
  if (!settings.enableSignUp) throw new AppError(IdentityErrors.sign_up_disabled);
  const { org, closed } = await signUpOrg(row.orgSlug);
  if (closed) throw new AppError(IdentityErrors.registration_closed);

  const fields: Record<string, string> = {};
  if (!input.email) fields.email = 'required';
  else if (!isEmailAddress(input.email)) fields.email = 'invalid_email';
  if (passwordPolicyIssues(input.password).length) fields.password = 'weak_password';
  const names = settings.enableNames ? { firstName: input.firstName || null, lastName: input.lastName || null } : { firstName: null, lastName: null };
  if (settings.enableNames && settings.namesIsRequired) {
    if (!names.firstName) fields.firstName = 'required';
    if (!names.lastName) fields.lastName = 'required';
  }
  const attributes = settings.enableUserAttribute ? (input.attributes ?? {}) : {};
  if (settings.enableUserAttribute) {
    const { issues } = await checkAttributeValues(attributes, { locale: row.locale, mode: 'sign_up' });
    for (const issue of issues) fields[`attributes.${issue.attributeId}`] = attributeFieldValue(issue);
  }
  if (Object.keys(fields).length) throw new AppError(CommonErrors.invalid_input, 'Some fields are invalid (see fields).', fields);

  await limitPerIp(context.ip);
  const email = normalizeEmail(input.email);
  await runBeforeSignUp({ email, ...names, app: toHookApp({ ...row.app, type: 'spa' }), locale: row.locale, ip: context.ip });
  const passwordHash = await hashPassword(input.password);
  const welcome = settings.enableEmailVerification && settings.replaceEmailVerificationWithWelcomeEmail;
  const verify = settings.enableEmailVerification && !welcome;
  const sent: { userId?: string; verification?: { code: string; expiresIn: number } } = {};

  let outcome: FlowOutcome;
  try {
    outcome = await flow.signIn({ amr: ['pwd'], method: 'sign_up' }, async (tx) => {
      const user = await tx.user.create({
        data: {
          email,
          passwordHash,
          passwordAlgorithm: 'argon2id',
          passwordChangedAt: new Date(),
          ...names,
          locale: row.locale,
          ...(org ? { activeOrgId: org.id, orgs: { create: { orgId: org.id } } } : {}),
        },
      });
      if (settings.enableUserAttribute) await saveAttributeValues(tx, user.id, attributes, { locale: row.locale, mode: 'sign_up' });
      sent.userId = user.id;
      if (verify) sent.verification = await issueVerificationCode(tx, user);
      await recordAudit(tx, { type: 'user', id: user.id, ip: context.ip }, {
        action: 'user.signed_up',
        targetType: 'user',
        targetId: user.id,
        after: { email, ...names, orgSlug: org?.slug ?? null, appId: row.appId },
      });
      await emitEvent(tx, { type: 'user', id: user.id }, 'identity.user.created', { user: eventUserOf(user), via: 'sign_up' });
      return user;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError(UserErrors.email_taken, undefined, { email: 'email_taken' });
    }
    if (error instanceof AttributeValuesError) {
      throw new AppError(CommonErrors.invalid_input, 'Some fields are invalid (see fields).', Object.fromEntries(
        error.issues.map((issue) => [`attributes.${issue.attributeId}`, attributeFieldValue(issue)]),
      ));
    }
    throw error;
  }

  await sendSignUpEmail(row, { id: sent.userId!, email, firstName: names.firstName }, sent.verification ?? null, welcome);
  return outcome;
}

async function sendSignUpEmail(
  row: FlowRow,
  user: { id: string; email: string; firstName: string | null },
  verification: { code: string; expiresIn: number } | null,
  welcome: boolean,
): Promise<void> {
  if (!verification && !welcome) return;
  try {
    const branding = (await brandingForOrgSlug(row.orgSlug)).email;
    if (verification) {
      await sendEmail({
        to: user.email,
        locale: row.locale,
        template: 'email_verification',
        data: { name: user.firstName, code: verification.code, link: verificationLink(user.id, row.locale), expiresIn: verification.expiresIn },
        branding,
      });
    } else if (welcome) {
      await sendEmail({ to: user.email, locale: row.locale, template: 'welcome', data: { name: user.firstName }, branding });
    }
  } catch (error) {
    console.warn('[tessera] sign-up email not sent', error instanceof AppError ? error.code : error);
  }
}

/** The sign-up page's view model: the form's fields for this deployment, this request's org. */
export async function getSignUpView(context: FlowContext) {
  const flow = await openFlow(context);
  const { row } = flow;
  const settings = config();
  const base = { appName: row.app.name, locale: row.locale, orgSlug: row.orgSlug };
  if (flow.step?.name !== 'sign_in') {
    if (!flow.step) throw new AppError(FlowErrors.wrong_step);
    return { ...base, redirectTo: flow.locationOf(flow.step), names: 'hidden' as const, attributes: [], closed: false };
  }
  if (!settings.enableSignUp) throw new AppError(IdentityErrors.sign_up_disabled);
  const { closed } = await signUpOrg(row.orgSlug);
  const attributes = (await listSignUpAttributes()).map((attribute) => ({
    id: attribute.id,
    label: localized(attribute.locales, row.locale) ?? attribute.name,
    required: attribute.requiredInSignUpForm,
  }));
  const names = !settings.enableNames ? ('hidden' as const) : settings.namesIsRequired ? ('required' as const) : ('optional' as const);
  return { ...base, redirectTo: null, names, attributes, closed };
}

/** Whether the sign-in page offers sign-up for this request (sign-up on, org open). */
export async function signUpOffered(orgSlug: string): Promise<boolean> {
  return config().enableSignUp && !(await signUpOrg(orgSlug)).closed;
}

function localized(entries: readonly { locale: string; value: string }[], locale: string): string | undefined {
  const byLocale = new Map(entries.map((entry) => [entry.locale.toLowerCase(), entry.value]));
  const wanted = locale.toLowerCase();
  return byLocale.get(wanted) ?? byLocale.get(wanted.split('-')[0]!) ?? byLocale.get('en');
}

/** The sign-up form's attributes (Melody's GET sign-up: `{ userAttributes }`), while the session is at sign_in. */
export const signUpAttributes = defineAction<void, { userAttributes: Awaited<ReturnType<typeof listSignUpAttributes>> }>({
  steps: 'sign_in',
  async run() {
    if (!config().enableSignUp) throw new AppError(IdentityErrors.sign_up_disabled);
    return { userAttributes: await listSignUpAttributes() };
  },
});
