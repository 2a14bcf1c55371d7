// Passkeys in the sign-in: sign-in (the hosted page's button and autofill, the embedded
// passkey-verify), the passkey_enroll step after sign-in, and the manage_passkey policy (add,
// rename, delete). Ceremonies: webauthn.ts, whose accepted origins are AUTH_SERVER_URL's and
// EMBEDDED_AUTH_ORIGINS.
import type { AuthenticationResponseJSON, PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit';
import { config } from '@/lib/config';
import { transaction, type Tx } from '@/lib/db';
import { Prisma, type User } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors';
import { defineAction, FlowErrors, openFlow, type Flow, type FlowContext, type FlowOutcome } from '@/lib/flow';
import { definePolicyAction } from '@/lib/identity/policies/common';
import { stepView } from '@/lib/identity/policies/views';
import { UserErrors } from '@/lib/users/errors';
import { PasskeyErrors } from './errors';
import { passkeysOf } from './service';
import { authenticationOptions, registrationOptions, registrationResponseSchema, verifyAuthentication, verifyRegistration, type VerifiedPasskey } from './webauthn';

export const PASSKEY_NAME_MAX = 100;

function requirePasskeys(): void {
  if (!config().allowPasskeyEnrollment) throw new AppError(PasskeyErrors.passkeys_disabled);
}

/** Options for the sign-in page (its button and the autofill request), while the request is at sign_in. */
export const passkeySignInOptions = defineAction<void, PublicKeyCredentialRequestOptionsJSON>({
  steps: 'sign_in',
  async run() {
    requirePasskeys();
    return authenticationOptions();
  },
});

/**
 * Signs in with a passkey: no password, and MFA and the enrollment steps are satisfied (a passkey
 * is possession plus the authenticator's own user verification: a fully authorized sign-in; only a
 * verified assertion counts as the second factor, and sign-in requires one). The counter moves in
 * the sign-in's transaction, only from the value that was verified, so two concurrent uses of one
 * assertion cannot both pass.
 */
export const signInWithPasskey = defineAction<AuthenticationResponseJSON, FlowOutcome>({
  steps: 'sign_in',
  async run(flow, response) {
    requirePasskeys();
    const { passkey, newCounter, userVerified } = await verifyAuthentication(response);
    if (!userVerified) throw new AppError(PasskeyErrors.passkey_invalid);
    if (!passkey.user.isActive) throw new AppError(UserErrors.account_disabled);
    return flow.signIn({ amr: ['hwk', 'user'], method: 'passkey', fullyAuthorized: true }, async (tx) => {
      const moved = await tx.passkey.updateMany({
        where: { id: passkey.id, counter: passkey.counter },
        data: { counter: BigInt(newCounter), lastUsedAt: new Date() },
      });
      if (moved.count === 0) throw new AppError(PasskeyErrors.passkey_invalid);
      return passkey.user;
    });
  },
});

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

/** The passkey_enroll page; a redirect when the request is elsewhere. */
export async function passkeyEnrollView(context: FlowContext) {
  const flow = await openFlow(context);
  const { row } = flow;
  if (!flow.step) throw new AppError(FlowErrors.request_not_found);
  const base = { appName: row.app.name, orgSlug: row.orgSlug, locale: row.locale };
  if (flow.step.name !== 'passkey_enroll') return { ...base, redirectTo: flow.locationOf(flow.step), email: '' };
  const user = await flow.user();
  return { ...base, redirectTo: null, email: user.email ?? '' };
}

/** Registration options for the enrollment step or the manage_passkey page, whichever the request is at. */
export const passkeyEnrollOptions = defineAction<void, PublicKeyCredentialCreationOptionsJSON>({
  steps: ['passkey_enroll', 'manage_passkey'],
  async run(flow) {
    requirePasskeys();
    return registrationOptions(await flow.user());
  },
});

/** A passkey's name, at enrollment and on rename: empty means unnamed (the page says "Passkey"). */
const passkeyName = z.string().trim().max(PASSKEY_NAME_MAX, { error: 'too_long' });

export const enrollPasskeyInput = z.object({
  credential: registrationResponseSchema,
  name: passkeyName.default(''),
});

/** The enrollment step's "Create a passkey": stores it and moves on. */
export const enrollPasskey = defineAction<{ credential: RegistrationResponseJSON; name: string }, FlowOutcome>({
  steps: 'passkey_enroll',
  async run(flow, { credential, name }) {
    requirePasskeys();
    const user = await flow.user();
    const passkey = await verifyRegistration(user.id, credential);
    return flow.complete('passkey_enroll', (tx) => storePasskey(tx, user, passkey, name, flow.context.ip));
  },
});

/** "Not now", or with `remember` "Don't ask again" (User.skipPasskeyEnroll, Melody's decline). */
export const declinePasskeyEnrollment = defineAction<boolean, FlowOutcome>({
  steps: 'passkey_enroll',
  async run(flow, remember) {
    requirePasskeys();
    const user = await flow.user();
    return flow.complete('passkey_enroll', remember ? async (tx) => void (await tx.user.update({ where: { id: user.id }, data: { skipPasskeyEnroll: true } })) : undefined);
  },
});

// ───────────────────────────── manage_passkey policy ─────────────────────────────

export function managePasskeyView(context: FlowContext) {
  return stepView(context, 'manage_passkey', async ({ user }) => ({ passkeys: await passkeysOf(user.id) }));
}

/** An action of the manage_passkey page (passkeys on, the policy available to the user). */
function defineManageAction<I>(run: (scope: { flow: Flow; user: User; ip: string }, input: I) => Promise<void>) {
  return definePolicyAction<I, FlowOutcome>('manage_passkey', async ({ flow, user, context }, input) => {
    requirePasskeys();
    await run({ flow, user, ip: context.ip }, input);
    return flow.stay();
  });
}

export const addPasskey = defineManageAction<{ credential: RegistrationResponseJSON; name: string }>(async ({ user, ip }, { credential, name }) => {
  const passkey = await verifyRegistration(user.id, credential);
  await transaction((tx) => storePasskey(tx, user, passkey, name, ip));
});

export const deletePasskeyInput = z.object({ passkeyId: z.string().uuid() });

export const removePasskey = defineManageAction<z.output<typeof deletePasskeyInput>>(async ({ user, ip }, input) => {
  await transaction(async (tx) => {
    const passkey = await tx.passkey.findFirst({ where: { id: input.passkeyId, userId: user.id } });
    if (!passkey) throw new AppError(PasskeyErrors.passkey_not_found);
    await tx.passkey.delete({ where: { id: passkey.id } });
    await recordAudit(tx, { type: 'user', id: user.id, ip }, {
      action: 'user.passkey_deleted',
      targetType: 'user',
      targetId: user.id,
      before: { passkeyId: passkey.id, credentialId: passkey.credentialId, name: passkey.name },
    });
  });
});

export const renamePasskeyInput = z.object({ passkeyId: z.string().uuid(), name: passkeyName });

/** Renames one of the request's user's passkeys; another user's id is not found. The same name again writes nothing. */
export const renamePasskey = defineManageAction<z.output<typeof renamePasskeyInput>>(async ({ user, ip }, input) => {
  await transaction(async (tx) => {
    const passkey = await tx.passkey.findFirst({ where: { id: input.passkeyId, userId: user.id }, select: { id: true, name: true } });
    if (!passkey) throw new AppError(PasskeyErrors.passkey_not_found);
    if (passkey.name === input.name) return;
    await tx.passkey.update({ where: { id: passkey.id }, data: { name: input.name } });
    await recordAudit(tx, { type: 'user', id: user.id, ip }, {
      action: 'user.passkey_renamed',
      targetType: 'user',
      targetId: user.id,
      before: { passkeyId: passkey.id, name: passkey.name },
      after: { passkeyId: passkey.id, name: input.name },
    });
  });
});
