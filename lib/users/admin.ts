// User management for the S2S API and the admin dashboard (one service for both): list, read,
// create, update and delete users, and the rules that guard them.
import { z } from 'zod';
import { recordAudit } from '@/lib/audit';
import { config } from '@/lib/config';
import { db, transaction, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors';
import type { Caller } from '@/lib/access/principal';
import { isRoot, rightsNotHeld } from '@/lib/access/scopes';
import { emitEvents, eventUserOf } from '@/lib/events';
import { runBeforeUserUpdate, toHookUser } from '@/lib/hooks';
import { getRole } from '@/lib/roles/admin';
import { RoleErrors } from '@/lib/roles/errors';
import { saveAttributeValues } from '@/lib/user-attributes/values';
import { createUser } from './service';
import { createUserApiInput, METADATA_MAX_BYTES, updateUserInput } from './schemas';
import { UserErrors } from './errors';
import { forgetSignInLogs } from './personal-data';

/** Who asks for a change: the access module's caller (audit actor + scopes). */
export type UserAdminCaller = Caller;

export { createUserApiInput, METADATA_MAX_BYTES, updateUserInput };

// ───────────────────────────── records ─────────────────────────────

/** What toUserRecord needs loaded with a user. */
export const recordInclude = {
  mfaEnrollments: { select: { type: true } },
  totpSecret: { select: { verifiedAt: true } },
  invitations: {
    where: { acceptedAt: null, revokedAt: null },
    select: { expiresAt: true },
    orderBy: { createdAt: 'desc' },
    take: 1,
  },
} satisfies Prisma.UserInclude;

const detailInclude = {
  ...recordInclude,
  roles: { select: { role: { select: { name: true } } } },
  activeOrg: { select: { id: true, name: true, slug: true } },
  orgs: { select: { org: { select: { id: true, name: true, slug: true } } } },
  orgGroups: { select: { orgGroup: { select: { id: true, name: true, orgId: true } } } },
  attributes: { select: { value: true, userAttribute: { select: { name: true } } } },
} satisfies Prisma.UserInclude;

type RecordRow = Prisma.UserGetPayload<{ include: typeof recordInclude }>;
/** What a User record is made of (a row with recordInclude, or the list query's row). */
type RecordSource = Pick<
  RecordRow,
  | 'id' | 'email' | 'linkedUserId' | 'authProvider' | 'providerSubject' | 'firstName' | 'lastName' | 'locale' | 'loginCount'
  | 'emailVerified' | 'smsPhoneNumberVerified' | 'isActive' | 'lastSignInAt' | 'createdAt' | 'updatedAt'
  | 'mfaEnrollments' | 'totpSecret' | 'invitations'
>;
type DetailRow = Prisma.UserGetPayload<{ include: typeof detailInclude }>;

/**
 * Melody's User record. authId is our user id; social accounts carry their provider and subject
 * as socialAccountType / socialAccountId; isInviting while an invitation is neither accepted nor
 * revoked. Never a password hash.
 */
export function toUserRecord(user: RecordSource) {
  const local = user.authProvider === 'local';
  const invitation = user.invitations[0];
  return {
    id: user.id,
    authId: user.id,
    email: user.email,
    linkedAuthId: user.linkedUserId,
    socialAccountId: local ? null : user.providerSubject,
    socialAccountType: local ? null : user.authProvider,
    firstName: user.firstName,
    lastName: user.lastName,
    locale: user.locale,
    loginCount: user.loginCount,
    mfaTypes: user.mfaEnrollments.map((enrollment) => enrollment.type).sort(),
    emailVerified: user.emailVerified,
    otpVerified: Boolean(user.totpSecret?.verifiedAt),
    smsPhoneNumberVerified: user.smsPhoneNumberVerified,
    isActive: user.isActive,
    isInviting: Boolean(invitation),
    invitationExpiresAt: invitation?.expiresAt ?? null,
    lastSignInAt: user.lastSignInAt,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

export type UserRecord = ReturnType<typeof toUserRecord>;

function toUserDetail(user: DetailRow) {
  return {
    ...toUserRecord(user),
    roles: user.roles.map((entry) => entry.role.name).sort(),
    org: user.activeOrg,
    orgs: user.orgs.map((entry) => entry.org).sort((a, b) => a.name.localeCompare(b.name)),
    orgGroups: user.orgGroups.map((entry) => entry.orgGroup).sort((a, b) => a.name.localeCompare(b.name)),
    attributes: Object.fromEntries(user.attributes.map((entry) => [entry.userAttribute.name, entry.value])),
    metadata: (user.metadata ?? {}) as Record<string, unknown>,
    mfaRequired: user.mfaRequired,
  };
}

export type UserDetail = ReturnType<typeof toUserDetail>;

async function findDetail(client: Tx | typeof db, id: string) {
  const user = await client.user.findUnique({ where: { id }, include: detailInclude });
  return user ? toUserDetail(user) : null;
}

export async function getUser(id: string): Promise<UserDetail> {
  const user = await findDetail(db, id);
  if (!user) throw new AppError(UserErrors.user_not_found);
  return user;
}

/** The user row or user_not_found: for the sub-resources of a user. */
export async function requireUser(id: string, client: Tx | typeof db = db) {
  const user = await client.user.findUnique({ where: { id } });
  if (!user) throw new AppError(UserErrors.user_not_found);
  return user;
}

// ───────────────────────────── list ─────────────────────────────

export const USER_SORT_FIELDS = ['createdAt', 'email', 'lastSignInAt'] as const;
export type UserSortField = (typeof USER_SORT_FIELDS)[number];

export interface ListUsersInput {
  take: number;
  skip: number;
  search?: string;
  sortBy?: UserSortField;
  sortOrder?: 'asc' | 'desc';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Each term is a range scan on an expression index of migration 20261123030939_users_list_indexes;
// the expressions must stay identical to the indexed ones. U+10FFFF sorts after every character
// under COLLATE "C", so [term, term || U+10FFFF) is "starts with term".
const SEARCH_EXPRESSIONS = [
  Prisma.sql`lower("email")`,
  Prisma.sql`lower(coalesce("firstName", '') || ' ' || coalesce("lastName", ''))`,
  Prisma.sql`lower("lastName")`,
];

/**
 * Case-insensitive prefix search over the email, the full name ("first last") and the last name;
 * a user id matches its user exactly. (Melody matches substrings with LIKE '%term%', a full scan:
 * ~280 ms at 100,000 users on our reference machine; prefixes use indexes.)
 */
function searchCondition(search: string): Prisma.Sql {
  const lower = Prisma.sql`lower(${search}::text) COLLATE "C"`;
  const upper = Prisma.sql`(lower(${search}::text) || chr(1114111)) COLLATE "C"`;
  const terms = SEARCH_EXPRESSIONS.map((expression) => Prisma.sql`(${expression} COLLATE "C" >= ${lower} AND ${expression} COLLATE "C" < ${upper})`);
  if (UUID.test(search)) terms.push(Prisma.sql`"id" = ${search}::uuid`);
  return Prisma.sql`WHERE ${Prisma.join(terms, ' OR ')}`;
}

// ORDER BY per sort and direction, the id breaking ties, each an index-only scan of (createdAt,
// id), (email, id) or (lastSignInAt NULLS FIRST, id): never signed in counts as the oldest sign-in.
const ORDER_BY: Record<UserSortField, Record<'asc' | 'desc', Prisma.Sql>> = {
  createdAt: { asc: Prisma.sql`"createdAt" ASC, "id" ASC`, desc: Prisma.sql`"createdAt" DESC, "id" DESC` },
  email: { asc: Prisma.sql`"email" ASC, "id" ASC`, desc: Prisma.sql`"email" DESC, "id" DESC` },
  lastSignInAt: {
    asc: Prisma.sql`"lastSignInAt" ASC NULLS FIRST, "id" ASC`,
    desc: Prisma.sql`"lastSignInAt" DESC NULLS LAST, "id" DESC`,
  },
};

type ListRow = Omit<RecordSource, 'mfaEnrollments' | 'totpSecret' | 'invitations'> & { mfaTypes: RecordRow['mfaEnrollments'][number]['type'][]; otpVerifiedAt: Date | null; invitationExpiresAt: Date | null };

/**
 * One page in ONE query (the page's ids, in order, then each user with its MFA types, OTP state
 * and pending invitation) and the total count in parallel: two round trips whatever the page.
 */
export async function listUsers(input: ListUsersInput): Promise<{ users: UserRecord[]; count: number }> {
  const search = input.search?.trim() ?? '';
  const where = search ? searchCondition(search) : Prisma.empty;
  const orderBy = ORDER_BY[input.sortBy ?? 'createdAt'][input.sortOrder ?? 'asc'];
  const [rows, count] = await Promise.all([
    db.$queryRaw<ListRow[]>`
      SELECT u."id", u."email", u."linkedUserId", u."authProvider", u."providerSubject", u."firstName", u."lastName", u."locale",
        u."loginCount", u."emailVerified", u."smsPhoneNumberVerified", u."isActive", u."lastSignInAt", u."createdAt", u."updatedAt",
        coalesce((SELECT array_agg(m."type"::text ORDER BY m."type"::text) FROM "mfa_enrollments" m WHERE m."userId" = u."id"), '{}'::text[]) AS "mfaTypes",
        (SELECT t."verifiedAt" FROM "totp_secrets" t WHERE t."userId" = u."id") AS "otpVerifiedAt",
        (SELECT i."expiresAt" FROM "invitations" i WHERE i."userId" = u."id" AND i."acceptedAt" IS NULL AND i."revokedAt" IS NULL
          ORDER BY i."createdAt" DESC LIMIT 1) AS "invitationExpiresAt"
      FROM unnest(ARRAY(SELECT "id" FROM "users" ${where} ORDER BY ${orderBy} LIMIT ${input.take} OFFSET ${input.skip})) WITH ORDINALITY AS p("id", "position")
      JOIN "users" u ON u."id" = p."id"
      ORDER BY p."position"`,
    db.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS "count" FROM "users" ${where}`.then((result) => result[0]!.count),
  ]);
  const users = rows.map(({ mfaTypes, otpVerifiedAt, invitationExpiresAt, ...user }) =>
    toUserRecord({
      ...user,
      mfaEnrollments: mfaTypes.map((type) => ({ type })),
      totpSecret: otpVerifiedAt ? { verifiedAt: otpVerifiedAt } : null,
      invitations: invitationExpiresAt ? [{ expiresAt: invitationExpiresAt }] : [],
    }),
  );
  return { users, count };
}

// ───────────────────────────── create ─────────────────────────────

/**
 * Admin scopes of `roles` the caller does not hold itself. Giving a user an admin role, or taking
 * it away, hands over dashboard rights, so the access module's rule applies: a caller moves only
 * rights it holds (impersonation and manage_saml count as root's). Otherwise an admin whose
 * role has write_user could give themselves any custom admin role.
 */
export function adminScopesNotHeld(caller: Pick<UserAdminCaller, 'scopes'>, roles: readonly { adminScopes: readonly string[] }[]): string[] {
  return rightsNotHeld(caller, roles.flatMap((role) => role.adminScopes));
}

/**
 * Built-in roles (super_admin) among `names`: only root may assign or remove them (#501). Admin
 * roles: only a caller holding their admin scopes (adminScopesNotHeld).
 */
export async function assertMayChangeRoles(client: Tx | typeof db, caller: Pick<UserAdminCaller, 'scopes'>, names: readonly string[]) {
  if (!names.length || isRoot(caller)) return;
  const roles = await client.role.findMany({ where: { name: { in: [...names] } }, select: { name: true, isBuiltIn: true, adminScopes: true } });
  const builtIn = roles.filter((role) => role.isBuiltIn);
  if (builtIn.length) {
    throw new AppError(UserErrors.root_required, `Only a root caller may assign or remove the role ${builtIn.map((role) => role.name).join(', ')}.`, {
      roles: 'needs root',
    });
  }
  const notHeld = adminScopesNotHeld(caller, roles);
  if (notHeld.length) {
    throw new AppError(RoleErrors.admin_scope_not_held, `Assigning or removing these roles needs the admin scopes: ${notHeld.join(', ')}`, {
      roles: `needs ${notHeld.join(', ')}`,
    });
  }
}

/** POST /users: a local user with a password (policy of createUser), audited. */
export async function createUserWithPassword(caller: UserAdminCaller, input: z.input<typeof createUserApiInput>): Promise<UserDetail> {
  await assertMayChangeRoles(db, caller, input.roles ?? []);
  const user = await createUser(input, { actor: caller.actor });
  return getUser(user.id);
}

// ───────────────────────────── update ─────────────────────────────

function mergeMetadata(current: unknown, patch: Record<string, unknown>): Prisma.InputJsonObject {
  const merged: Record<string, unknown> = { ...(current && typeof current === 'object' && !Array.isArray(current) ? current : {}) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  if (Buffer.byteLength(JSON.stringify(merged)) > METADATA_MAX_BYTES) {
    throw new AppError(UserErrors.metadata_too_large, `Metadata may hold at most ${METADATA_MAX_BYTES} bytes of JSON.`, {
      metadata: `at most ${METADATA_MAX_BYTES} bytes`,
    });
  }
  return merged as Prisma.InputJsonObject;
}

export async function updateUser(caller: UserAdminCaller, id: string, input: z.output<typeof updateUserInput>): Promise<UserDetail> {
  // The deployer's veto (lib/hooks/pre-hooks.ts), before any write.
  const current = await requireUser(id);
  await runBeforeUserUpdate({ user: toHookUser(current), changes: input, actor: { type: caller.actor.type, id: caller.actor.id } });
  return transaction(async (tx) => {
    const before = await findDetail(tx, id);
    if (!before) throw new AppError(UserErrors.user_not_found);
    const row = await tx.user.findUniqueOrThrow({ where: { id }, select: { metadata: true } });
    const data: Prisma.UserUpdateInput = {};
    let added: string[] = [];
    let removed: string[] = [];
    if (input.firstName !== undefined) data.firstName = input.firstName || null;
    if (input.lastName !== undefined) data.lastName = input.lastName || null;
    if (input.locale !== undefined) data.locale = input.locale;
    if (input.mfaRequired !== undefined) data.mfaRequired = input.mfaRequired;
    if (input.metadata !== undefined) data.metadata = mergeMetadata(row.metadata, input.metadata);
    if (input.isActive !== undefined && input.isActive !== before.isActive) {
      if (input.isActive && before.isInviting) throw new AppError(UserErrors.invitation_pending);
      data.isActive = input.isActive;
    }
    if (input.orgSlug !== undefined) {
      if (!input.orgSlug) data.activeOrg = { disconnect: true };
      else {
        const membership = before.orgs.find((org) => org.slug === input.orgSlug);
        if (!membership) throw new AppError(UserErrors.org_not_joined, undefined, { orgSlug: UserErrors.org_not_joined.message });
        data.activeOrg = { connect: { id: membership.id } };
      }
    }
    if (input.roles !== undefined) {
      const wanted = [...new Set(input.roles)];
      const roles = await tx.role.findMany({ where: { name: { in: wanted } } });
      const missing = wanted.filter((name) => !roles.some((role) => role.name === name));
      if (missing.length) throw new AppError(UserErrors.unknown_role, `Unknown role: ${missing.join(', ')}`, { roles: missing.join(', ') });
      added = wanted.filter((name) => !before.roles.includes(name));
      removed = before.roles.filter((name) => !wanted.includes(name));
      await assertMayChangeRoles(tx, caller, [...added, ...removed]);
      await tx.userRole.deleteMany({ where: { userId: id, role: { name: { in: removed } } } });
      await tx.userRole.createMany({ data: roles.filter((role) => added.includes(role.name)).map((role) => ({ userId: id, roleId: role.id })) });
    }
    if (input.attributes !== undefined && config().enableUserAttribute) {
      await saveAttributeValues(tx, id, input.attributes, { locale: before.locale, mode: 'update' });
    }
    const updated = await tx.user.update({ where: { id }, data });
    const after = (await findDetail(tx, id))!;
    await recordAudit(tx, caller.actor, { action: 'user.updated', targetType: 'user', targetId: id, before, after });
    const changed = Object.keys(after).filter((key) => JSON.stringify(after[key as keyof UserDetail]) !== JSON.stringify(before[key as keyof UserDetail]) && key !== 'updatedAt');
    if (changed.length) {
      await emitEvents(tx, caller.actor, [
        { type: 'identity.user.updated', data: { user: eventUserOf(updated), changed } },
        ...added.map((role) => ({ type: 'identity.role.assigned' as const, data: { authId: id, role } })),
        ...removed.map((role) => ({ type: 'identity.role.revoked' as const, data: { authId: id, role } })),
      ]);
    }
    return after;
  });
}

// ───────────────────────────── delete ─────────────────────────────

/** Hard delete: roles, consents, tokens, MFA, passkeys … cascade; a linked account is unlinked; sign-in logs are scrubbed. */
export async function deleteUser(caller: UserAdminCaller, id: string): Promise<void> {
  await transaction(async (tx) => {
    const before = await findDetail(tx, id);
    if (!before) throw new AppError(UserErrors.user_not_found);
    await forgetSignInLogs(tx, { id, email: before.email });
    await tx.user.delete({ where: { id } });
    await recordAudit(tx, caller.actor, { action: 'user.deleted', targetType: 'user', targetId: id, before });
    await emitEvents(tx, caller.actor, [{ type: 'identity.user.deleted', data: { authId: id } }]);
  });
}

/** Users holding the role (Melody's User records), oldest first, one page at a time. */
export async function listRoleUsers(id: string, window: { take: number; skip: number }) {
  await getRole(id);
  const where = { roles: { some: { roleId: id } } };
  const [users, count] = await Promise.all([
    db.user.findMany({ where, include: recordInclude, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: window.take, skip: window.skip }),
    db.user.count({ where }),
  ]);
  return { users: users.map(toUserRecord), count };
}
