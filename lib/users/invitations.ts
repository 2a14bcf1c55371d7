// Invitations (Melody POST/DELETE /users/invitations…): an inactive user with a pending
// invitation, whose emailed link leads to the hosted accept-invitation page (set a password,
// become active and verified). Tokens are random, sent once, stored as SHA-256.
import { z } from 'zod';
import { recordAudit } from '@/lib/audit';
import { emitEvents, eventUserOf } from '@/lib/events';
import { config } from '@/lib/config';
import { hashPassword } from '@/lib/crypto/password';
import { randomToken, sha256 } from '@/lib/crypto/tokens';
import { db, transaction } from '@/lib/db';
import { Prisma } from '@/lib/db/generated/client';
import { emailBrandingFromOrg, sendEmail } from '@/lib/email';
import { AppError, CommonErrors } from '@/lib/errors';
import { assertMayChangeRoles, getUser, requireUser, type UserAdminCaller, type UserDetail } from './admin';
import { isEmailAddress, normalizeEmail } from '@/lib/email/address';
import { UserErrors } from './errors';
import { passwordPolicyIssues } from './password-policy';

/** Melody: invitations are valid for 7 days. */
export const INVITATION_EXPIRES_IN = 7 * 24 * 3600;

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol), 'Expected an http(s) URL');

export const inviteUserInput = z.object({
  email: z.string().refine(isEmailAddress, 'Invalid email address').transform(normalizeEmail),
  firstName: z.string().trim().max(100).optional(),
  lastName: z.string().trim().max(100).optional(),
  locale: z.string().trim().max(10).optional(),
  orgSlug: z.string().trim().max(50).optional().describe('Org the user joins (not a branding-only org)'),
  roles: z.array(z.string().trim().min(1).max(50)).max(100).default([]).describe('A built-in role (super_admin) needs root'),
  signinUrl: httpUrl.optional().describe('Where the accept page sends the user afterwards'),
});

export const resendInvitationInput = z.object({
  locale: z.string().trim().max(10).optional(),
  signinUrl: httpUrl.optional(),
});

function invitationLink(token: string, locale: string, signinUrl: string | null) {
  const link = new URL('/identity/v1/accept-invitation', config().authServerUrl);
  link.searchParams.set('token', token);
  link.searchParams.set('locale', locale);
  if (signinUrl) link.searchParams.set('signinUrl', signinUrl);
  return link.toString();
}

async function sendInvitation(userId: string, token: string, locale: string, signinUrl: string | null) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, include: { activeOrg: true } });
  await sendEmail({
    to: user.email!,
    locale,
    template: 'invitation',
    data: { name: user.firstName, link: invitationLink(token, locale, signinUrl), orgName: user.activeOrg?.name ?? null, expiresIn: INVITATION_EXPIRES_IN },
    ...(user.activeOrg ? { branding: emailBrandingFromOrg(user.activeOrg) } : {}),
  });
}

const emailTaken = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

/** Creates the inactive user with its invitation (one transaction), then emails the link. */
export async function inviteUser(caller: UserAdminCaller, input: z.output<typeof inviteUserInput>): Promise<UserDetail> {
  const roleNames = [...new Set(input.roles)];
  await assertMayChangeRoles(db, caller, roleNames);
  const locale = input.locale || config().defaultLocale;
  const token = randomToken(32);
  let userId: string;
  try {
    userId = await transaction(async (tx) => {
      const roles = await tx.role.findMany({ where: { name: { in: roleNames } } });
      const missing = roleNames.filter((name) => !roles.some((role) => role.name === name));
      if (missing.length) throw new AppError(UserErrors.unknown_role, `Unknown role: ${missing.join(', ')}`, { roles: missing.join(', ') });
      const org = input.orgSlug ? await tx.org.findUnique({ where: { slug: input.orgSlug } }) : null;
      if (input.orgSlug && (!org || org.onlyUseForBrandingOverride)) {
        throw new AppError(CommonErrors.invalid_input, 'The org does not exist or is used for branding only.', { orgSlug: 'unknown or branding-only org' });
      }
      const user = await tx.user.create({
        data: {
          email: input.email,
          firstName: input.firstName || null,
          lastName: input.lastName || null,
          locale,
          isActive: false,
          roles: { create: roles.map((role) => ({ roleId: role.id })) },
          ...(org ? { activeOrgId: org.id, orgs: { create: { orgId: org.id } } } : {}),
        },
      });
      await tx.invitation.create({
        data: { userId: user.id, tokenHash: sha256(token), signinUrl: input.signinUrl ?? null, expiresAt: new Date(Date.now() + INVITATION_EXPIRES_IN * 1000) },
      });
      await recordAudit(tx, caller.actor, {
        action: 'user.invited',
        targetType: 'user',
        targetId: user.id,
        after: { email: user.email, roles: roleNames, orgSlug: org?.slug ?? null, signinUrl: input.signinUrl ?? null },
      });
      await emitEvents(tx, caller.actor, [
        { type: 'identity.user.created', data: { user: eventUserOf(user), via: 'invitation' } },
        ...roles.map((role) => ({ type: 'identity.role.assigned' as const, data: { authId: user.id, role: role.name } })),
        ...(org ? [{ type: 'identity.org.member.added' as const, data: { authId: user.id, orgId: org.id, orgSlug: org.slug } }] : []),
      ]);
      return user.id;
    });
  } catch (error) {
    if (emailTaken(error)) throw new AppError(UserErrors.email_taken, undefined, { email: UserErrors.email_taken.message });
    throw error;
  }
  await sendInvitation(userId, token, locale, input.signinUrl ?? null);
  return getUser(userId);
}

async function pendingInvitation(userId: string) {
  const user = await requireUser(userId);
  if (user.isActive) throw new AppError(UserErrors.user_already_active);
  const invitation = await db.invitation.findFirst({ where: { userId, acceptedAt: null, revokedAt: null }, orderBy: { createdAt: 'desc' } });
  if (!invitation) throw new AppError(UserErrors.invitation_not_found);
  return { user, invitation };
}

/** A new token and expiry (the old link stops working), emailed again. */
export async function resendInvitation(caller: UserAdminCaller, userId: string, input: z.output<typeof resendInvitationInput>): Promise<void> {
  const { user, invitation } = await pendingInvitation(userId);
  const token = randomToken(32);
  const signinUrl = input.signinUrl ?? invitation.signinUrl;
  await transaction(async (tx) => {
    await tx.invitation.update({
      where: { id: invitation.id },
      data: { tokenHash: sha256(token), signinUrl, expiresAt: new Date(Date.now() + INVITATION_EXPIRES_IN * 1000) },
    });
    await recordAudit(tx, caller.actor, { action: 'user.invitation_resent', targetType: 'user', targetId: userId, after: { signinUrl } });
  });
  await sendInvitation(userId, token, input.locale || user.locale, signinUrl);
}

/** The link stops working; the user stays inactive. */
export async function revokeInvitation(caller: UserAdminCaller, userId: string): Promise<void> {
  const { invitation } = await pendingInvitation(userId);
  await transaction(async (tx) => {
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, caller.actor, { action: 'user.invitation_revoked', targetType: 'user', targetId: userId });
  });
}

// ───────────────────────────── acceptance (hosted page) ─────────────────────────────

/**
 * The live invitation a link's token names, with its user: invitation_invalid for an unknown,
 * accepted or revoked token or an already active user, invitation_expired after 7 days.
 */
export async function findInvitationByToken(token: string) {
  const invitation = token ? await db.invitation.findUnique({ where: { tokenHash: sha256(token) }, include: { user: true } }) : null;
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.user.isActive || !invitation.user.email) {
    throw new AppError(UserErrors.invitation_invalid);
  }
  if (invitation.expiresAt.getTime() <= Date.now()) throw new AppError(UserErrors.invitation_expired);
  return invitation;
}

/**
 * Accepts an invitation (hosted /identity/v1/accept-invitation, Melody's POST accept-invitation):
 * sets the password (self-service rule, lib/users/password-policy), activates the user and marks
 * the email verified (the link proved it), once: the invitation is marked accepted in the same
 * transaction, conditionally, so a second submission fails. Returns where the page sends the user.
 */
export async function acceptInvitation(input: { token: string; password: string }, context: { ip: string }) {
  const invitation = await findInvitationByToken(input.token);
  if (passwordPolicyIssues(input.password).length) throw new AppError(UserErrors.weak_password, undefined, { password: 'weak_password' });
  const passwordHash = await hashPassword(input.password);
  await transaction(async (tx) => {
    const now = new Date();
    const accepted = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (accepted.count === 0) throw new AppError(UserErrors.invitation_invalid);
    const activated = await tx.user.updateMany({
      where: { id: invitation.userId, isActive: false },
      data: { passwordHash, passwordAlgorithm: 'argon2id', passwordChangedAt: now, isActive: true, emailVerified: true, emailVerifiedAt: now },
    });
    if (activated.count === 0) throw new AppError(UserErrors.invitation_invalid);
    await recordAudit(tx, { type: 'user', id: invitation.userId, ip: context.ip }, { action: 'user.invitation_accepted', targetType: 'user', targetId: invitation.userId });
  });
  return { email: invitation.user.email!, locale: invitation.user.locale, signinUrl: invitation.signinUrl };
}
