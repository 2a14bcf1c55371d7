// The one place where an external identity becomes a user (every protocol: OIDC, OAuth 2.0, the
// social providers and SAML go through here).
//
// Rules:
// - An identity is a row (provider, subject) attached to a user; one user may hold several.
//   `provider` is Melody's socialAccountType name: Google, Facebook, GitHub, Discord, Apple, the
//   name of an OIDC / OAuth 2.0 provider, or SAML_<idp>.
// - A known identity signs its user in (a disabled user is refused), whatever its email says now.
// - An unknown identity is never linked or merged by email alone. When its verified email names
//   any existing account, the sign-in waits for proof that the user owns that account (they sign
//   in to it or enter a code emailed to it, lib/federation/linking.ts); without proof nothing is
//   attached. An email the provider did not verify is refused (external_email_unverified): it
//   could be anybody's. An identity without any email creates an account without one (Melody).
// - A new account gets the provider's verified email (marked verified) and names, the request's
//   locale and org (a closed org refuses, as for sign-up), and, with ENABLE_ORG, the orgs whose
//   autoJoinEmailDomains list its email's domain (just-in-time membership).
// - Such an account has no password: the user.authProvider column names the provider that
//   created it, and the policies and steps that need local credentials skip it (Melody's rules).
import { recordAudit, type AuditActor } from '@/lib/audit';
import { config } from '@/lib/config';
import { db, transaction, type Tx } from '@/lib/db';
import { Prisma, type ExternalIdentity, type User } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors';
import { IdentityErrors } from '@/lib/identity/errors';
import { signUpOrg } from '@/lib/identity/sign-up';
import { isEmailAddress, normalizeEmail } from '@/lib/email/address';
import { UserErrors } from '@/lib/users/errors';
import { FederationErrors } from './errors';

/** What a provider told us about the account, after its protocol module verified the answer. */
export interface ExternalProfile {
  provider: string;
  subject: string;
  email: string | null;
  /** The provider's own claim that it confirmed `email` (OIDC email_verified, GitHub verified, …). */
  emailVerified: boolean;
  firstName: string | null;
  lastName: string | null;
}

export interface ExternalSignInContext {
  locale: string;
  orgSlug: string;
  appId: string | null;
  ip: string;
}

export type ExternalSignInResult =
  | { kind: 'signed_in'; user: User; identity: ExternalIdentity; created: boolean }
  | { kind: 'link_required'; user: Pick<User, 'id' | 'email'>; email: string };

const NAME_MAX = 100;
const SUBJECT_MAX = 500;

function cleanName(value: string | null): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, NAME_MAX) : null;
}

/** The email the provider vouches for, or null when it sent none; throws when it sent an unverified one. */
export function verifiedEmailOf(profile: ExternalProfile): string | null {
  const email = profile.email?.trim();
  if (!email) return null;
  if (!profile.emailVerified || !isEmailAddress(email)) throw new AppError(FederationErrors.external_email_unverified);
  return normalizeEmail(email);
}

function assertSubject(profile: ExternalProfile) {
  if (!profile.subject || profile.subject.length > SUBJECT_MAX) throw new AppError(FederationErrors.external_token_invalid, 'The provider sent no usable subject.');
}

/** Accounts other than `userId` that hold this address (any provider: never two owners of one email by surprise). */
function accountWithEmail(client: Tx | typeof db, email: string) {
  return client.user.findFirst({ where: { email }, orderBy: [{ createdAt: 'asc' }], select: { id: true, email: true } });
}

/**
 * Just-in-time org membership: orgs (not branding-only) listing the email's domain in
 * autoJoinEmailDomains, joined once; the first becomes the active org of a user without one.
 */
async function joinOrgsByDomain(tx: Tx, user: Pick<User, 'id' | 'activeOrgId'>, email: string | null, actor: AuditActor): Promise<string[]> {
  if (!email || !config().enableOrg) return [];
  const domain = email.slice(email.lastIndexOf('@') + 1);
  const orgs = await tx.org.findMany({
    where: { autoJoinEmailDomains: { has: domain }, onlyUseForBrandingOverride: false, members: { none: { userId: user.id } } },
    orderBy: [{ name: 'asc' }],
    select: { id: true, slug: true },
  });
  if (!orgs.length) return [];
  await tx.userOrg.createMany({ data: orgs.map((org) => ({ userId: user.id, orgId: org.id })), skipDuplicates: true });
  if (!user.activeOrgId) await tx.user.update({ where: { id: user.id }, data: { activeOrgId: orgs[0]!.id } });
  await recordAudit(tx, actor, { action: 'user.orgs_joined_by_domain', targetType: 'user', targetId: user.id, after: { domain, orgs: orgs.map((org) => org.slug) } });
  return orgs.map((org) => org.id);
}

/** Attaches `profile` to `userId` (after proof of ownership, or for a user created for it). */
async function createIdentity(tx: Tx, userId: string, profile: ExternalProfile, email: string | null): Promise<ExternalIdentity> {
  try {
    return await tx.externalIdentity.create({
      data: { userId, provider: profile.provider, subject: profile.subject, email, emailVerified: email !== null, lastUsedAt: new Date() },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw new AppError(FederationErrors.identity_taken);
    throw error;
  }
}

/**
 * In the caller's transaction (the sign-in's): the user this identity signs in, created when new,
 * or `link_required` when its verified email belongs to an existing account.
 */
export async function resolveExternalSignIn(tx: Tx, profile: ExternalProfile, context: ExternalSignInContext): Promise<ExternalSignInResult> {
  assertSubject(profile);
  const known = await tx.externalIdentity.findUnique({
    where: { provider_subject: { provider: profile.provider, subject: profile.subject } },
    include: { user: true },
  });
  if (known) {
    if (!known.user.isActive) throw new AppError(UserErrors.account_disabled);
    const reported = profile.email?.trim() ? normalizeEmail(profile.email) : null;
    const identity = await tx.externalIdentity.update({
      where: { id: known.id },
      data: { lastUsedAt: new Date(), email: reported, emailVerified: reported !== null && profile.emailVerified },
    });
    return { kind: 'signed_in', user: known.user, identity, created: false };
  }

  const email = verifiedEmailOf(profile);
  if (email) {
    const owner = await accountWithEmail(tx, email);
    if (owner) return { kind: 'link_required', user: owner, email };
  }
  const { org, closed } = await signUpOrg(context.orgSlug, tx);
  if (closed) throw new AppError(IdentityErrors.registration_closed);
  const user = await tx.user.create({
    data: {
      email,
      emailVerified: email !== null,
      emailVerifiedAt: email ? new Date() : null,
      firstName: cleanName(profile.firstName),
      lastName: cleanName(profile.lastName),
      locale: context.locale,
      authProvider: profile.provider,
      providerSubject: profile.subject,
      ...(org ? { activeOrgId: org.id, orgs: { create: { orgId: org.id } } } : {}),
    },
  });
  const actor: AuditActor = { type: 'user', id: user.id, ip: context.ip };
  const identity = await createIdentity(tx, user.id, profile, email);
  await recordAudit(tx, actor, {
    action: 'user.signed_up',
    targetType: 'user',
    targetId: user.id,
    after: { email, method: 'external', provider: profile.provider, orgSlug: org?.slug ?? null, appId: context.appId },
  });
  await joinOrgsByDomain(tx, user, email, actor);
  return { kind: 'signed_in', user: await tx.user.findUniqueOrThrow({ where: { id: user.id } }), identity, created: true };
}

/**
 * After the user proved they own `userId` (lib/federation/linking.ts): attaches the identity,
 * audited, and applies the just-in-time org membership of its verified email.
 */
export async function attachProvenIdentity(tx: Tx, userId: string, profile: ExternalProfile, actor: AuditActor): Promise<{ user: User; identity: ExternalIdentity }> {
  assertSubject(profile);
  const user = await tx.user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError(UserErrors.user_not_found);
  if (!user.isActive) throw new AppError(UserErrors.account_disabled);
  const email = verifiedEmailOf(profile);
  const identity = await createIdentity(tx, userId, profile, email);
  await recordAudit(tx, actor, {
    action: 'user.identity_linked',
    targetType: 'user',
    targetId: userId,
    after: { identityId: identity.id, provider: identity.provider, email: identity.email },
  });
  await joinOrgsByDomain(tx, user, email, actor);
  return { user: await tx.user.findUniqueOrThrow({ where: { id: userId } }), identity };
}

export interface IdentitySummary {
  id: string;
  provider: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  lastUsedAt: Date | null;
  createdAt: Date;
}

const summary = { id: true, provider: true, subject: true, email: true, emailVerified: true, lastUsedAt: true, createdAt: true } as const;

/** A user's identities, oldest first. */
export async function listIdentities(userId: string, client: Tx | typeof db = db): Promise<IdentitySummary[]> {
  return client.externalIdentity.findMany({ where: { userId }, select: summary, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
}

/**
 * How many ways to sign in the user keeps without `identityId`: a password (while password
 * sign-in is on), passwordless email for local accounts (while it is on), passkeys (while they are
 * on) and the other identities.
 */
async function waysToSignInWithout(tx: Tx, user: User, identityId: string): Promise<number> {
  const settings = config();
  const [identities, passkeys] = await Promise.all([
    tx.externalIdentity.count({ where: { userId: user.id, NOT: { id: identityId } } }),
    settings.allowPasskeyEnrollment ? tx.passkey.count({ where: { userId: user.id } }) : Promise.resolve(0),
  ]);
  const password = user.passwordHash && settings.enablePasswordSignIn ? 1 : 0;
  const passwordless = user.authProvider === 'local' && user.email && settings.enablePasswordlessSignIn ? 1 : 0;
  return identities + passkeys + password + passwordless;
}

/**
 * Removes one of the user's identities (S2S, dashboard, manage_linked_accounts), never the last
 * way the account can sign in. Audited in the same transaction.
 */
export async function unlinkIdentity(actor: AuditActor, userId: string, identityId: string): Promise<void> {
  await transaction(async (tx) => {
    // Locks the user row: two concurrent unlinks cannot each leave the other as the "last" way.
    await tx.$queryRaw`SELECT 1 FROM "users" WHERE "id" = ${userId}::uuid FOR UPDATE`;
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new AppError(UserErrors.user_not_found);
    const identity = await tx.externalIdentity.findFirst({ where: { id: identityId, userId } });
    if (!identity) throw new AppError(FederationErrors.identity_not_found);
    if ((await waysToSignInWithout(tx, user, identityId)) === 0) throw new AppError(FederationErrors.last_sign_in_method);
    await tx.externalIdentity.delete({ where: { id: identity.id } });
    // The creating identity is gone: the account no longer answers to its subject (a later
    // sign-in with it is a new identity, which must prove ownership like any other).
    if (user.authProvider === identity.provider && user.providerSubject === identity.subject) {
      await tx.user.update({ where: { id: userId }, data: { providerSubject: null } });
    }
    await recordAudit(tx, actor, {
      action: 'user.identity_unlinked',
      targetType: 'user',
      targetId: userId,
      before: { identityId: identity.id, provider: identity.provider, email: identity.email },
    });
  });
}

/** Whether the account was created by an external provider (no local credentials of its own). */
export function isExternalAccount(user: Pick<User, 'authProvider'>): boolean {
  return user.authProvider !== 'local';
}
