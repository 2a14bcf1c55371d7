// Bulk import and streamed export of users (S2S API, admin dashboard, CLI).
import { z } from 'zod';
import { recordAudit, recordAuditMany } from '@/lib/audit';
import { emitEvents, eventUserOf } from '@/lib/events';
import { hashPassword, importedHashAlgorithm, type PasswordHashAlgorithm } from '@/lib/crypto/password';
import { db, transaction } from '@/lib/db';
import { Prisma } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors';
import { isRoot } from '@/lib/access/scopes';
import { adminScopesNotHeld, toUserRecord, type UserAdminCaller } from './admin';
import { isEmailAddress, normalizeEmail } from '@/lib/email/address';
import { UserErrors } from './errors';
import { IMPORT_MAX_ROWS, importUserRow, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './schemas';

export { IMPORT_MAX_ROWS, importUserRow };

/** Rows written per transaction: a failing batch rolls back alone, never part of a row. */
export const IMPORT_BATCH_SIZE = 500;
/** Plain-text passwords hashed at once (argon2id runs on the libuv thread pool). */
const HASH_CONCURRENCY = 4;

export type ImportUserRow = z.output<typeof importUserRow>;

export interface ImportResult {
  index: number;
  email: string;
  status: 'created' | 'skipped' | 'error';
  authId?: string;
  error?: string;
}

interface PreparedRow {
  index: number;
  email: string;
  data: Omit<Prisma.UserCreateManyInput, 'passwordHash'> & { passwordHash: string | null };
  password?: string;
  roleIds: string[];
  roles: string[];
}

function validateRow(
  row: ImportUserRow,
  index: number,
  roles: Map<string, { id: string; isBuiltIn: boolean; adminScopes: string[] }>,
  caller: Pick<UserAdminCaller, 'scopes'>,
): PreparedRow | string {
  if (!isEmailAddress(row.email)) return 'Invalid email address.';
  const email = normalizeEmail(row.email);
  if (row.password !== undefined && row.passwordHash !== undefined) return 'Give password or passwordHash, not both.';
  if (row.password !== undefined && (row.password.length < PASSWORD_MIN_LENGTH || row.password.length > PASSWORD_MAX_LENGTH)) {
    return `Password must be ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters.`;
  }
  let algorithm: PasswordHashAlgorithm | null = row.password !== undefined ? 'argon2id' : null;
  if (row.passwordHash !== undefined) {
    algorithm = importedHashAlgorithm(row.passwordHash);
    if (!algorithm) return 'passwordHash is not a supported bcrypt or argon2 hash (or its cost is out of bounds).';
  }
  const roleNames = [...new Set(row.roles ?? [])];
  const unknown = roleNames.filter((name) => !roles.has(name));
  if (unknown.length) return `Unknown role: ${unknown.join(', ')}`;
  const builtIn = roleNames.filter((name) => roles.get(name)!.isBuiltIn);
  if (builtIn.length && !isRoot(caller)) return `Only a root caller may assign the role ${builtIn.join(', ')}.`;
  const notHeld = adminScopesNotHeld(caller, roleNames.map((name) => roles.get(name)!));
  if (notHeld.length) return `Assigning these roles needs the admin scopes: ${notHeld.join(', ')}`;
  const now = new Date();
  const verified = row.emailVerified ?? false;
  return {
    index,
    email,
    password: row.password,
    roleIds: roleNames.map((name) => roles.get(name)!.id),
    roles: roleNames,
    data: {
      email,
      passwordHash: row.passwordHash ?? null,
      passwordAlgorithm: algorithm,
      passwordChangedAt: algorithm ? now : null,
      firstName: row.firstName?.trim() || null,
      lastName: row.lastName?.trim() || null,
      locale: row.locale?.trim() || 'en',
      emailVerified: verified,
      emailVerifiedAt: verified ? now : null,
    },
  };
}

async function mapLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Imports up to 10,000 local users. Each row is created whole (user + roles) or not at all:
 * invalid rows answer `error`, emails that already exist (or repeat an earlier row) `skipped`.
 * Valid rows are written in transactions of 500 with one audit event per user; existing hashes
 * are stored as they are (passwordAlgorithm bcrypt or argon2id) and upgraded at sign-in.
 * `onProgress` hears how many rows are decided after validation and after each batch (the CLI's bar).
 */
export async function importUsers(
  caller: UserAdminCaller,
  rows: readonly ImportUserRow[],
  options: { onProgress?: (done: number, total: number) => void } = {},
): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  const roles = new Map((await db.role.findMany({ select: { id: true, name: true, isBuiltIn: true, adminScopes: true } })).map((role) => [role.name, role]));
  const seen = new Set<string>();
  const valid: PreparedRow[] = [];
  rows.forEach((row, index) => {
    const prepared = validateRow(row, index, roles, caller);
    if (typeof prepared === 'string') results.push({ index, email: row.email, status: 'error', error: prepared });
    else if (seen.has(prepared.email)) results.push({ index, email: prepared.email, status: 'skipped', error: 'Repeats an earlier row.' });
    else {
      seen.add(prepared.email);
      valid.push(prepared);
    }
  });

  options.onProgress?.(results.length, rows.length);
  for (let start = 0; start < valid.length; start += IMPORT_BATCH_SIZE) {
    const batch = valid.slice(start, start + IMPORT_BATCH_SIZE);
    try {
      results.push(...(await importBatch(caller, batch)));
    } catch (error) {
      console.error('[tessera] a user import batch failed and was rolled back', error);
      for (const row of batch) results.push({ index: row.index, email: row.email, status: 'error', error: 'This batch could not be written; none of its rows were saved.' });
    }
    options.onProgress?.(results.length, rows.length);
  }
  return results.sort((a, b) => a.index - b.index);
}

async function importBatch(caller: UserAdminCaller, batch: PreparedRow[]): Promise<ImportResult[]> {
  const existing = new Set(
    (await db.user.findMany({ where: { authProvider: 'local', email: { in: batch.map((row) => row.email) } }, select: { email: true } })).map(
      (user) => user.email,
    ),
  );
  const fresh = batch.filter((row) => !existing.has(row.email));
  // Hash outside the transaction: no connection is held while argon2 works.
  await mapLimited(
    fresh.filter((row) => row.password !== undefined),
    HASH_CONCURRENCY,
    async (row) => {
      row.data.passwordHash = await hashPassword(row.password!);
    },
  );
  const created = await transaction(
    async (tx) => {
      const users = await tx.user.createManyAndReturn({
        data: fresh.map((row) => row.data),
        skipDuplicates: true,
        select: { id: true, email: true, emailVerified: true, firstName: true, lastName: true, locale: true, isActive: true },
      });
      const ids = new Map(users.map((user) => [user.email, user.id]));
      const inserted = fresh.filter((row) => ids.has(row.email));
      await tx.userRole.createMany({ data: inserted.flatMap((row) => row.roleIds.map((roleId) => ({ userId: ids.get(row.email)!, roleId }))) });
      await recordAuditMany(
        tx,
        caller.actor,
        inserted.map((row) => ({
          action: 'user.imported',
          targetType: 'user',
          targetId: ids.get(row.email)!,
          after: {
            email: row.email,
            firstName: row.data.firstName,
            lastName: row.data.lastName,
            emailVerified: row.data.emailVerified,
            passwordAlgorithm: row.data.passwordAlgorithm,
            roles: row.roles,
          },
        })),
      );
      const byEmail = new Map(users.map((user) => [user.email, user]));
      await emitEvents(
        tx,
        caller.actor,
        inserted.flatMap((row) => [
          { type: 'identity.user.created' as const, data: { user: eventUserOf(byEmail.get(row.email)!), via: 'import' as const } },
          ...row.roles.map((role) => ({ type: 'identity.role.assigned' as const, data: { authId: ids.get(row.email)!, role } })),
        ]),
      );
      return ids;
    },
    { timeout: 60_000 },
  );
  return batch.map((row): ImportResult => {
    const authId = created.get(row.email);
    return authId
      ? { index: row.index, email: row.email, status: 'created', authId }
      : { index: row.index, email: row.email, status: 'skipped', error: 'A user with this email already exists.' };
  });
}

// ───────────────────────────── export ─────────────────────────────

const EXPORT_PAGE = 500;

const exportInclude = {
  mfaEnrollments: { select: { type: true } },
  totpSecret: { select: { verifiedAt: true } },
  invitations: { where: { acceptedAt: null, revokedAt: null }, select: { expiresAt: true }, orderBy: { createdAt: 'desc' }, take: 1 },
  roles: { select: { role: { select: { name: true } } } },
} satisfies Prisma.UserInclude;

/**
 * Every user, oldest id first, as Melody's User record plus roles and metadata (the fields of an
 * import row, so an export can be imported elsewhere). Password hashes only when asked by root.
 * Read in pages of 500 by id (keyset), so memory stays flat whatever the number of users.
 */
export async function* exportUsers(caller: UserAdminCaller, options: { includePasswordHashes: boolean }) {
  if (options.includePasswordHashes && !isRoot(caller)) {
    throw new AppError(UserErrors.root_required, 'Only a root caller may export password hashes.');
  }
  await transaction((tx) =>
    recordAudit(tx, caller.actor, { action: 'user.exported', targetType: 'user', targetId: null, after: { includePasswordHashes: options.includePasswordHashes } }),
  );
  let cursor: string | undefined;
  for (;;) {
    const page = await db.user.findMany({
      where: cursor ? { id: { gt: cursor } } : {},
      orderBy: { id: 'asc' },
      take: EXPORT_PAGE,
      include: exportInclude,
    });
    for (const user of page) {
      yield {
        ...toUserRecord(user),
        roles: user.roles.map((entry) => entry.role.name).sort(),
        metadata: user.metadata as Record<string, unknown>,
        ...(options.includePasswordHashes ? { passwordHash: user.passwordHash, passwordAlgorithm: user.passwordAlgorithm } : {}),
      };
    }
    if (page.length < EXPORT_PAGE) return;
    cursor = page[page.length - 1]!.id;
  }
}
