import { z } from 'zod';
import { recordAudit, type AuditActor } from '@/lib/audit';
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from '@/lib/crypto/password';
import { db, transaction } from '@/lib/db';
import { emitEvents, eventUserOf } from '@/lib/events';
import { Prisma } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors';
import { clearSignInFailures, countSignInAttempt } from '@/lib/rate-limit/lockout';
import { isEmailAddress, normalizeEmail } from '@/lib/email/address';
import { UserErrors } from './errors';
import { createUserInput, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './schemas';

export { createUserInput, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };

export type CreateUserInput = z.input<typeof createUserInput>;

/** `actor`: who creates the user (recorded in the audit log in the same transaction). */
export async function createUser(rawInput: CreateUserInput, options: { actor?: AuditActor } = {}) {
  const eventActor = options.actor ?? { type: 'system' as const, id: null };
  const parsed = createUserInput.safeParse(rawInput);
  if (!parsed.success) {
    const passwordIssue = parsed.error.issues.find((issue) => issue.path[0] === 'password');
    if (passwordIssue) {
      throw new AppError(UserErrors.weak_password, `Password must be ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters.`, {
        password: passwordIssue.message,
      });
    }
    throw parsed.error;
  }
  const input = parsed.data;
  const passwordHash = await hashPassword(input.password);
  try {
    return await transaction(async (tx) => {
      const roles = await tx.role.findMany({ where: { name: { in: input.roles } } });
      const missing = input.roles.filter((name) => !roles.some((role) => role.name === name));
      if (missing.length) throw new AppError(UserErrors.unknown_role, `Unknown role: ${missing.join(', ')}`, { roles: missing.join(', ') });
      const user = await tx.user.create({
        data: {
          email: input.email,
          passwordHash,
          passwordAlgorithm: 'argon2id',
          passwordChangedAt: new Date(),
          firstName: input.firstName || null,
          lastName: input.lastName || null,
          locale: input.locale ?? 'en',
          emailVerified: input.emailVerified,
          emailVerifiedAt: input.emailVerified ? new Date() : null,
          roles: { create: roles.map((role) => ({ roleId: role.id })) },
        },
      });
      if (options.actor) {
        await recordAudit(tx, options.actor, {
          action: 'user.created',
          targetType: 'user',
          targetId: user.id,
          after: { email: user.email, firstName: user.firstName, lastName: user.lastName, roles: input.roles, emailVerified: user.emailVerified },
        });
      }
      await emitEvents(tx, eventActor, [
        { type: 'identity.user.created', data: { user: eventUserOf(user), via: 'api' } },
        ...roles.map((role) => ({ type: 'identity.role.assigned' as const, data: { authId: user.id, role: role.name } })),
      ]);
      return user;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError(UserErrors.email_taken, undefined, { email: UserErrors.email_taken.message });
    }
    throw error;
  }
}

export function findLocalUserByEmail(email: string) {
  return db.user.findUnique({ where: { authProvider_email: { authProvider: 'local', email: normalizeEmail(email) } } });
}

/**
 * Checks an email + password pair. Unknown emails cost the same hash work as known ones and
 * fail with the same error, so responses do not reveal which accounts exist.
 *
 * Account lockout (ACCOUNT_LOCKOUT_THRESHOLD per email + `ip`, see lib/rate-limit/lockout): each
 * attempt on an existing account is counted before the password check, so a locked account is
 * refused (account_locked) even with the right password; a successful sign-in clears the count.
 * Unknown emails are not counted. `ip` is clientIp(request): '' when unknown.
 */
export async function authenticateWithPassword(email: string, password: string, context: { ip?: string } = {}) {
  const user = isEmailAddress(email) ? await findLocalUserByEmail(email) : null;
  if (!user?.passwordHash) {
    await burnPasswordCheck(password);
    throw new AppError(UserErrors.invalid_credentials);
  }
  const ip = context.ip ?? '';
  await countSignInAttempt(user.email ?? email, ip);
  if (!(await verifyPassword(password, user.passwordHash))) throw new AppError(UserErrors.invalid_credentials);
  if (!user.isActive) throw new AppError(UserErrors.account_disabled);
  await clearSignInFailures(user.email ?? email, ip);
  if (needsRehash(user.passwordHash)) await upgradePasswordHash(user, password, ip);
  return user;
}

/**
 * Re-hashes an imported bcrypt / argon2 hash (or one made with older parameters) as argon2id
 * after a successful sign-in: the only moment the password is known. Only if the hash is still
 * the one just verified (a concurrent password change wins); a failure never fails the sign-in.
 */
async function upgradePasswordHash(user: { id: string; passwordHash: string | null }, password: string, ip: string) {
  try {
    const passwordHash = await hashPassword(password);
    await transaction(async (tx) => {
      const updated = await tx.user.updateMany({
        where: { id: user.id, passwordHash: user.passwordHash },
        data: { passwordHash, passwordAlgorithm: 'argon2id' },
      });
      if (updated.count) {
        await recordAudit(tx, { type: 'system', id: null, ip }, { action: 'user.password_rehashed', targetType: 'user', targetId: user.id });
      }
    });
  } catch (error) {
    console.error('[tessera] could not upgrade a password hash', error);
  }
}

export async function getUserRoleNames(userId: string): Promise<string[]> {
  const rows = await db.userRole.findMany({ where: { userId }, include: { role: { select: { name: true } } } });
  return rows.map((row) => row.role.name).sort();
}

/** The user's role names and the union of their roles' permissions, both sorted (the `roles` and `permissions` claims). */
export async function getUserRolesAndPermissions(userId: string): Promise<{ roles: string[]; permissions: string[] }> {
  const rows = await db.userRole.findMany({ where: { userId }, select: { role: { select: { name: true, permissions: true } } } });
  const permissions = new Set(rows.flatMap((row) => row.role.permissions));
  return { roles: rows.map((row) => row.role.name).sort(), permissions: [...permissions].sort() };
}
