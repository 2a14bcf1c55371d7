// The WebAuthn ceremonies (@simplewebauthn/server) against this deployment's relying party.
//
// - RP ID: the host name of AUTH_SERVER_URL. Accepted origins: AUTH_SERVER_URL's origin and
//   EMBEDDED_AUTH_ORIGINS (pages of the embedded SDK) — never the request's own URL.
// - Every ceremony's challenge is a PasskeyChallenge row that lives CHALLENGE_LIFETIME_SECONDS and
//   is deleted when a response presents it, whether the response then verifies or not: a challenge
//   is single-use. Enrollment challenges are bound to their user.
// - Sign-in is discoverable (no allowCredentials): the authenticator picks the account, which is
//   what conditional mediation (autofill) needs. The stored counter must grow (a cloned
//   authenticator repeats counters); authenticators that always report 0 are accepted, as the spec
//   allows.
// - Attestation "none". User verification (PIN, biometrics: the UV flag) is required at enrollment
//   and at sign-in (issue 12; Melody only prefers it): a passkey signs in without a password and
//   stands for MFA, which a mere touch of a stolen security key must not.
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { z } from 'zod';
import { config } from '@/lib/config';
import { db } from '@/lib/db';
import type { Passkey, User } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors';
import { PasskeyErrors } from './errors';

export const CHALLENGE_LIFETIME_SECONDS = 300;

type Purpose = 'enroll' | 'sign_in';

export function relyingParty() {
  const settings = config();
  return { rpID: settings.webAuthnRpId, origins: [settings.serverOrigin, ...settings.embeddedAuthOrigins] };
}

async function storeChallenge(challenge: string, purpose: Purpose, userId: string | null): Promise<void> {
  const now = Date.now();
  // Expired challenges of abandoned ceremonies go with each new one.
  await db.passkeyChallenge.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  await db.passkeyChallenge.create({
    data: { challenge, purpose, userId, expiresAt: new Date(now + CHALLENGE_LIFETIME_SECONDS * 1000) },
  });
}

/** Deletes the challenge; true only when it was live and issued for this purpose (and user). */
async function consumeChallenge(challenge: string, purpose: Purpose, userId: string | null): Promise<boolean> {
  const deleted = await db.passkeyChallenge.deleteMany({ where: { challenge, purpose, userId, expiresAt: { gt: new Date() } } });
  return deleted.count === 1;
}

/** Registration options for `user`, excluding the authenticators they registered already. */
export async function registrationOptions(user: Pick<User, 'id' | 'email' | 'firstName' | 'lastName'>): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await db.passkey.findMany({ where: { userId: user.id }, select: { credentialId: true, transports: true } });
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
  const options = await generateRegistrationOptions({
    rpName: config().branding.emailSenderName,
    rpID: relyingParty().rpID,
    userName: user.email ?? user.id,
    userID: new TextEncoder().encode(user.id),
    userDisplayName: name || (user.email ?? ''),
    attestationType: 'none',
    excludeCredentials: existing.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports })),
    // Discoverable credentials: sign-in does not ask for the account first.
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  await storeChallenge(options.challenge, 'enroll', user.id);
  return options;
}

export interface VerifiedPasskey {
  credentialId: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
  deviceType: string;
  backedUp: boolean;
}

/** Checks an enrollment response for `userId` (consuming its challenge). */
export async function verifyRegistration(userId: string, response: RegistrationResponseJSON): Promise<VerifiedPasskey> {
  const { rpID, origins } = relyingParty();
  const verification = await verifyRegistrationResponse({
    response,
    expectedChallenge: (challenge) => consumeChallenge(challenge, 'enroll', userId),
    expectedOrigin: origins,
    expectedRPID: rpID,
    requireUserVerification: true,
  }).catch(() => null);
  if (!verification?.verified) throw new AppError(PasskeyErrors.passkey_invalid);
  const { credential, credentialDeviceType, credentialBackedUp } = verification.registrationInfo;
  return {
    credentialId: credential.id,
    publicKey: credential.publicKey,
    counter: credential.counter,
    transports: credential.transports ?? [],
    deviceType: credentialDeviceType,
    backedUp: credentialBackedUp,
  };
}

/** Options of a discoverable sign-in (also used for autofill). */
export async function authenticationOptions(): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const options = await generateAuthenticationOptions({ rpID: relyingParty().rpID, userVerification: 'required' });
  await storeChallenge(options.challenge, 'sign_in', null);
  return options;
}

export interface VerifiedAssertion {
  passkey: Passkey & { user: User };
  newCounter: number;
  /** The authenticator verified the user (always, since it is required: kept for the MFA decision). */
  userVerified: boolean;
}

/** Checks a sign-in response (consuming its challenge): the passkey, its user and the new counter. */
export async function verifyAuthentication(response: AuthenticationResponseJSON): Promise<VerifiedAssertion> {
  const passkey = await db.passkey.findUnique({ where: { credentialId: response.id }, include: { user: true } });
  if (!passkey) {
    // The challenge still goes: it was presented.
    await consumeChallenge(challengeOf(response), 'sign_in', null);
    throw new AppError(PasskeyErrors.passkey_invalid);
  }
  const { rpID, origins } = relyingParty();
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge: (challenge) => consumeChallenge(challenge, 'sign_in', null),
    expectedOrigin: origins,
    expectedRPID: rpID,
    credential: { id: passkey.credentialId, publicKey: new Uint8Array(passkey.publicKey), counter: Number(passkey.counter), transports: passkey.transports },
    requireUserVerification: true,
  }).catch(() => null);
  if (!verification?.verified) throw new AppError(PasskeyErrors.passkey_invalid);
  return { passkey, newCounter: verification.authenticationInfo.newCounter, userVerified: verification.authenticationInfo.userVerified };
}

function challengeOf(response: AuthenticationResponseJSON): string {
  try {
    const clientData: unknown = JSON.parse(Buffer.from(response.response.clientDataJSON, 'base64url').toString('utf8'));
    return typeof clientData === 'object' && clientData !== null && 'challenge' in clientData && typeof clientData.challenge === 'string' ? clientData.challenge : '';
  } catch {
    return '';
  }
}

const base64url = z.string().min(1).max(8192).regex(/^[A-Za-z0-9_-]+$/);

/** What @simplewebauthn/browser's startRegistration resolves to, as the browser sends it. */
export const registrationResponseSchema = z.object({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  response: z.looseObject({ clientDataJSON: base64url, attestationObject: base64url, transports: z.array(z.string().max(32)).max(10).optional() }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
}) satisfies z.ZodType<RegistrationResponseJSON, unknown>;

/** What startAuthentication resolves to. */
export const authenticationResponseSchema = z.object({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  response: z.object({ clientDataJSON: base64url, authenticatorData: base64url, signature: base64url, userHandle: base64url.optional() }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
}) satisfies z.ZodType<AuthenticationResponseJSON, unknown>;
