// Passkeys on the hosted pages: sign-in (button and autofill), the passkey_enroll step after
// sign-in, and the manage_passkey policy (add, rename, delete). Ceremonies: webauthn.ts.
import type { AuthenticationResponseJSON, PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit';
import { config } from '@/lib/config';
import { transaction, type Tx } from '@/lib/db';
import { Prisma, type User } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors';
import { IdentityErrors } from '@/lib/identity/errors';
import { completeSignIn, completeStep, currentStep, loadFlow, loadStep, stepLocation, type BrowserContext, type FlowOutcome, type FlowRow } from '@/lib/identity/flow';
import { beginStepAction, flowUser } from '@/lib/identity/policies/common';
import { MFA_SATISFIED_STEP } from '@/lib/mfa/steps';
import { AuthorizePageErrors } from '@/lib/oauth/errors';
import { UserErrors } from '@/lib/users/errors';
import { PasskeyErrors } from './errors';
import { ENROLLMENT_STEPS } from './steps';
import { authenticationOptions, registrationOptions, registrationResponseSchema, verifyAuthentication, verifyRegistration, type VerifiedPasskey } from './webauthn';

export const PASSKEY_NAME_MAX = 100;

function requirePasskeys(): void {
  if (!config().allowPasskeyEnrollment) throw new AppError(PasskeyErrors.passkeys_disabled);
}

/** Options for the sign-in page (its button and the autofill request), while the request is at sign_in. */
export async function passkeySignInOptions(context: BrowserContext): Promise<PublicKeyCredentialRequestOptionsJSON> {
  requirePasskeys();
  await loadStep(context, 'sign_in');
  return authenticationOptions();
}

/**
 * Signs in with a passkey: no password, and MFA and the enrollment steps are satisfied (a passkey
 * is possession plus the authenticator's own user verification: only a verified assertion counts
 * as the second factor, and sign-in requires one). The counter moves in the sign-in's transaction,
 * only from the value that was verified, so two concurrent uses of one assertion cannot both pass.
 */
export async function signInWithPasskey(context: BrowserContext, response: AuthenticationResponseJSON): Promise<FlowOutcome> {
  requirePasskeys();
  const row = await loadStep(context, 'sign_in');
  const { passkey, newCounter, userVerified } = await verifyAuthentication(response);
  if (!userVerified) throw new AppError(PasskeyErrors.passkey_invalid);
  if (!passkey.user.isActive) throw new AppError(UserErrors.account_disabled);
  return completeSignIn(row, context, { amr: ['hwk', 'user'], method: 'passkey' }, async (tx) => {
    const moved = await tx.passkey.updateMany({
      where: { id: passkey.id, counter: passkey.counter },
      data: { counter: BigInt(newCounter), lastUsedAt: new Date() },
    });
    if (moved.count === 0) throw new AppError(PasskeyErrors.passkey_invalid);
    await tx.authorizationRequest.update({ where: { id: row.id }, data: { completedSteps: { push: [MFA_SATISFIED_STEP, ...ENROLLMENT_STEPS] } } });
    return passkey.user;
  });
}

/** Stores a verified passkey; a credential registered already (by anyone) is refused. */
async function storePasskey(tx: Tx, user: User, passkey: VerifiedPasskey, name: string, ip: string): Promise<void> {
  try {
    const created = await tx.passkey.create({
      data: {
        userId: user.id,
        credentialId: passkey.credentialId,
        publicKey: Buffer.from(passkey.publicKey),
        counter: BigInt(passkey.counter),
        transports: passkey.transports,
        deviceType: passkey.deviceType,
        backedUp: passkey.backedUp,
        name: name.trim().slice(0, PASSKEY_NAME_MAX),
      },
    });
    await recordAudit(tx, { type: 'user', id: user.id, ip }, { action: 'user.passkey_added', targetType: 'user', targetId: user.id, after: { passkeyId: created.id, name: created.name } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw new AppError(PasskeyErrors.passkey_exists);
    throw error;
  }
}

// ───────────────────────────── passkey_enroll step ─────────────────────────────

async function enrollingUser(context: BrowserContext, step: 'passkey_enroll' | 'manage_passkey') {
  requirePasskeys();
  if (step === 'manage_passkey') return beginStepAction(context, step);
  const row = await loadStep(context, step);
  return { row, user: await flowUser(row) };
}

/** The passkey_enroll page; a redirect when the request is elsewhere. */
export async function passkeyEnrollView(requestId: string | undefined, bindingSecret: string | undefined) {
  const row = await loadFlow(requestId, bindingSecret);
  const step = await currentStep(row);
  if (!step) throw new AppError(AuthorizePageErrors.request_not_found);
  const base = { appName: row.app.name, orgSlug: row.orgSlug, locale: row.locale };
  if (step !== 'passkey_enroll') return { ...base, redirectTo: stepLocation(step, row), email: '' };
  const user = await flowUser(row);
  return { ...base, redirectTo: null, email: user.email ?? '' };
}

/** Registration options for the enrollment step or the manage_passkey page, whichever the request is at. */
export async function passkeyEnrollOptions(context: BrowserContext): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const row = await loadFlow(context.requestId, context.bindingSecret);
  const step = await currentStep(row);
  if (step !== 'passkey_enroll' && step !== 'manage_passkey') throw new AppError(IdentityErrors.wrong_step);
  const { user } = await enrollingUser(context, step);
  return registrationOptions(user);
}

/** A passkey's name, at enrollment and on rename: empty means unnamed (the page says "Passkey"). */
const passkeyName = z.string().trim().max(PASSKEY_NAME_MAX, { error: 'too_long' });

export const enrollPasskeyInput = z.object({
  credential: registrationResponseSchema,
  name: passkeyName.default(''),
});

/** The enrollment step's "Create a passkey": stores it and moves on. */
export async function enrollPasskey(context: BrowserContext, credential: RegistrationResponseJSON, name: string): Promise<FlowOutcome> {
  const { row, user } = await enrollingUser(context, 'passkey_enroll');
  const passkey = await verifyRegistration(user.id, credential);
  return completeStep(row, 'passkey_enroll', (tx) => storePasskey(tx, user, passkey, name, context.ip));
}

/** "Not now", or with `remember` "Don't ask again" (User.skipPasskeyEnroll, Melody's decline). */
export async function declinePasskeyEnrollment(context: BrowserContext, remember: boolean): Promise<FlowOutcome> {
  const { row, user } = await enrollingUser(context, 'passkey_enroll');
  return completeStep(row, 'passkey_enroll', remember ? async (tx) => void (await tx.user.update({ where: { id: user.id }, data: { skipPasskeyEnroll: true } })) : undefined);
}

// ───────────────────────────── manage_passkey policy ─────────────────────────────

const stay = (row: FlowRow): FlowOutcome => ({ location: stepLocation('manage_passkey', row), cookies: [] });

export async function addPasskey(context: BrowserContext, credential: RegistrationResponseJSON, name: string): Promise<FlowOutcome> {
  const { row, user } = await enrollingUser(context, 'manage_passkey');
  const passkey = await verifyRegistration(user.id, credential);
  await transaction((tx) => storePasskey(tx, user, passkey, name, context.ip));
  return stay(row);
}

export const deletePasskeyInput = z.object({ passkeyId: z.string().uuid() });

export async function removePasskey(context: BrowserContext, input: z.output<typeof deletePasskeyInput>): Promise<FlowOutcome> {
  const { row, user } = await enrollingUser(context, 'manage_passkey');
  await transaction(async (tx) => {
    const passkey = await tx.passkey.findFirst({ where: { id: input.passkeyId, userId: user.id } });
    if (!passkey) throw new AppError(PasskeyErrors.passkey_not_found);
    await tx.passkey.delete({ where: { id: passkey.id } });
    await recordAudit(tx, { type: 'user', id: user.id, ip: context.ip }, {
      action: 'user.passkey_deleted',
      targetType: 'user',
      targetId: user.id,
      before: { passkeyId: passkey.id, credentialId: passkey.credentialId, name: passkey.name },
    });
  });
  return stay(row);
}

export const renamePasskeyInput = z.object({ passkeyId: z.string().uuid(), name: passkeyName });

/** Renames one of the request's user's passkeys; another user's id is not found. The same name again writes nothing. */
export async function renamePasskey(context: BrowserContext, input: z.output<typeof renamePasskeyInput>): Promise<FlowOutcome> {
  const { row, user } = await enrollingUser(context, 'manage_passkey');
  await transaction(async (tx) => {
    const passkey = await tx.passkey.findFirst({ where: { id: input.passkeyId, userId: user.id }, select: { id: true, name: true } });
    if (!passkey) throw new AppError(PasskeyErrors.passkey_not_found);
    if (passkey.name === input.name) return;
    await tx.passkey.update({ where: { id: passkey.id }, data: { name: input.name } });
    await recordAudit(tx, { type: 'user', id: user.id, ip: context.ip }, {
      action: 'user.passkey_renamed',
      targetType: 'user',
      targetId: user.id,
      before: { passkeyId: passkey.id, name: passkey.name },
      after: { passkeyId: passkey.id, name: input.name },
    });
  });
  return stay(row);
}
