// Orgs and org groups for the S2S API and the admin dashboard (one service for both). The hosted
// pages read orgs through getOrgBySlug / listUserOrgs (lib/orgs/memberships.ts).
import { z } from 'zod';
import { recordAudit, type AuditActor } from '@/lib/audit';
import { config } from '@/lib/config';
import { db, transaction, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors';
import { recordInclude, toUserRecord, type UserRecord } from '@/lib/users/admin';
import { OrgErrors } from './errors';
import type { createOrgGroupInput, createOrgInput, updateOrgGroupInput, updateOrgInput } from './schemas';

// ───────────────────────────── feature gates ─────────────────────────────

/** Melody's ENABLE_ORG: every org operation answers feature_disabled while it is off. */
export function assertOrgsEnabled() {
  if (!config().enableOrg) throw new AppError(OrgErrors.feature_disabled);
}

/** Org groups need ENABLE_ORG and Melody's code-level enableOrgGroup (on). */
export function assertOrgGroupsEnabled() {
  assertOrgsEnabled();
  if (!config().enableOrgGroup) throw new AppError(OrgErrors.feature_disabled, 'Org groups are disabled.');
}

// ───────────────────────────── helpers ─────────────────────────────

type Client = Tx | typeof db;

function uniqueViolation(error: unknown): error is Prisma.PrismaClientKnownRequestError {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/** A name or slug taken by another org: 409 with the field named. */
async function assertOrgUnique(client: Client, input: { name?: string; slug?: string }, exceptId?: string) {
  const others = (field: 'name' | 'slug', value: string) =>
    client.org.count({ where: { [field]: value, ...(exceptId ? { NOT: { id: exceptId } } : {}) } });
  if (input.name !== undefined && (await others('name', input.name))) {
    throw new AppError(OrgErrors.org_name_taken, undefined, { name: OrgErrors.org_name_taken.message });
  }
  if (input.slug !== undefined && (await others('slug', input.slug))) {
    throw new AppError(OrgErrors.org_slug_taken, undefined, { slug: OrgErrors.org_slug_taken.message });
  }
}

/** A concurrent writer won the race between the check and the write. */
function orgConflict(error: Prisma.PrismaClientKnownRequestError): AppError {
  return JSON.stringify(error.meta ?? {}).includes('slug') || error.message.includes('slug')
    ? new AppError(OrgErrors.org_slug_taken, undefined, { slug: OrgErrors.org_slug_taken.message })
    : new AppError(OrgErrors.org_name_taken, undefined, { name: OrgErrors.org_name_taken.message });
}

const withoutUndefined = <T extends Record<string, unknown>>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;

export interface UserPageInput {
  take: number;
  skip: number;
}

/** One page of users (oldest first) as Melody's User records, and how many match in all. */
export async function pageOfUsers(where: Prisma.UserWhereInput, window: UserPageInput): Promise<{ users: UserRecord[]; count: number }> {
  const [rows, count] = await Promise.all([
    db.user.findMany({ where, include: recordInclude, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: window.take, skip: window.skip }),
    db.user.count({ where }),
  ]);
  return { users: rows.map(toUserRecord), count };
}

/** Every word must start or occur in the email, first or last name (Melody: LIKE over "first last email"). */
function searchWhere(search: string | undefined): Prisma.UserWhereInput {
  const words = (search ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 5);
  return {
    AND: words.map((word) => ({
      OR: (['email', 'firstName', 'lastName'] as const).map((field) => ({ [field]: { contains: word, mode: 'insensitive' as const } })),
    })),
  };
}

// ───────────────────────────── orgs ─────────────────────────────

export type OrgRow = Prisma.OrgGetPayload<object>;

export async function listOrgs(): Promise<OrgRow[]> {
  assertOrgsEnabled();
  return db.org.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }] });
}

async function requireOrg(client: Client, id: string): Promise<OrgRow> {
  const org = await client.org.findUnique({ where: { id } });
  if (!org) throw new AppError(OrgErrors.org_not_found);
  return org;
}

export async function getOrg(id: string): Promise<OrgRow> {
  assertOrgsEnabled();
  return requireOrg(db, id);
}

/** The org the hosted pages brand themselves with (`org` parameter), or null. */
export async function getOrgBySlug(slug: string): Promise<OrgRow | null> {
  if (!config().enableOrg || !slug) return null;
  return db.org.findUnique({ where: { slug } });
}

export async function createOrg(actor: AuditActor, input: z.output<typeof createOrgInput>): Promise<OrgRow> {
  assertOrgsEnabled();
  try {
    return await transaction(async (tx) => {
      await assertOrgUnique(tx, input);
      const org = await tx.org.create({ data: withoutUndefined(input) as Prisma.OrgCreateInput });
      await recordAudit(tx, actor, { action: 'org.created', targetType: 'org', targetId: org.id, after: org });
      return org;
    });
  } catch (error) {
    if (uniqueViolation(error)) throw orgConflict(error);
    throw error;
  }
}

/**
 * Name, slug, flags and branding; omitted fields keep their value. Users' active org is a
 * reference, so a new slug needs no rewrite of users (Melody rewrites user.orgSlug).
 */
export async function updateOrg(actor: AuditActor, id: string, input: z.output<typeof updateOrgInput>): Promise<OrgRow> {
  assertOrgsEnabled();
  try {
    return await transaction(async (tx) => {
      const before = await requireOrg(tx, id);
      await assertOrgUnique(tx, input, id);
      const after = await tx.org.update({ where: { id }, data: withoutUndefined(input) });
      await recordAudit(tx, actor, { action: 'org.updated', targetType: 'org', targetId: id, before, after });
      return after;
    });
  } catch (error) {
    if (uniqueViolation(error)) throw orgConflict(error);
    throw error;
  }
}

/** Refused while any user has the org as active org; memberships and groups go with it. */
export async function deleteOrg(actor: AuditActor, id: string): Promise<void> {
  assertOrgsEnabled();
  await transaction(async (tx) => {
    const before = await requireOrg(tx, id);
    const activeUsers = await tx.user.count({ where: { activeOrgId: id } });
    if (activeUsers > 0) {
      throw new AppError(OrgErrors.org_in_use, `${activeUsers} user(s) have this org as their active org: switch them to another org first.`);
    }
    await tx.org.delete({ where: { id } });
    await recordAudit(tx, actor, { action: 'org.deleted', targetType: 'org', targetId: id, before });
  });
}

/** Users whose ACTIVE org is this one (Melody's GET /orgs/:id/users). */
export async function listOrgActiveUsers(id: string, input: UserPageInput & { search?: string }) {
  assertOrgsEnabled();
  await requireOrg(db, id);
  return pageOfUsers({ activeOrgId: id, ...searchWhere(input.search) }, input);
}

/** Every member of the org (user_org), active there or not. */
export async function listOrgMembers(id: string, input: UserPageInput) {
  assertOrgsEnabled();
  await requireOrg(db, id);
  return pageOfUsers({ orgs: { some: { orgId: id } } }, input);
}

// ───────────────────────────── org groups ─────────────────────────────

const groupSelect = { id: true, name: true, orgId: true, createdAt: true, updatedAt: true } as const;
export type OrgGroupRow = Prisma.OrgGroupGetPayload<{ select: typeof groupSelect }>;

export async function requireOrgGroup(client: Client, id: string): Promise<OrgGroupRow> {
  const group = await client.orgGroup.findUnique({ where: { id }, select: groupSelect });
  if (!group) throw new AppError(OrgErrors.org_group_not_found);
  return group;
}

function groupNameTaken(): AppError {
  return new AppError(OrgErrors.org_group_name_taken, undefined, { name: OrgErrors.org_group_name_taken.message });
}

async function assertGroupNameFree(tx: Tx, orgId: string, name: string, exceptId?: string) {
  const taken = await tx.orgGroup.count({ where: { orgId, name, ...(exceptId ? { NOT: { id: exceptId } } : {}) } });
  if (taken) throw groupNameTaken();
}

export async function listOrgGroups(orgId: string): Promise<OrgGroupRow[]> {
  assertOrgGroupsEnabled();
  await requireOrg(db, orgId);
  return db.orgGroup.findMany({ where: { orgId }, select: groupSelect, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
}

export async function createOrgGroup(actor: AuditActor, input: z.output<typeof createOrgGroupInput>): Promise<OrgGroupRow> {
  assertOrgGroupsEnabled();
  try {
    return await transaction(async (tx) => {
      const org = await tx.org.findUnique({ where: { id: input.orgId }, select: { id: true } });
      if (!org) throw new AppError(OrgErrors.unknown_org, undefined, { orgId: OrgErrors.unknown_org.message });
      await assertGroupNameFree(tx, input.orgId, input.name);
      const group = await tx.orgGroup.create({ data: { name: input.name, orgId: input.orgId }, select: groupSelect });
      await recordAudit(tx, actor, { action: 'org_group.created', targetType: 'org_group', targetId: group.id, after: group });
      return group;
    });
  } catch (error) {
    if (uniqueViolation(error)) throw groupNameTaken();
    throw error;
  }
}

export async function updateOrgGroup(actor: AuditActor, id: string, input: z.output<typeof updateOrgGroupInput>): Promise<OrgGroupRow> {
  assertOrgGroupsEnabled();
  try {
    return await transaction(async (tx) => {
      const before = await requireOrgGroup(tx, id);
      await assertGroupNameFree(tx, before.orgId, input.name, id);
      const after = await tx.orgGroup.update({ where: { id }, data: { name: input.name }, select: groupSelect });
      await recordAudit(tx, actor, { action: 'org_group.updated', targetType: 'org_group', targetId: id, before, after });
      return after;
    });
  } catch (error) {
    if (uniqueViolation(error)) throw groupNameTaken();
    throw error;
  }
}

/** Its memberships go with it. */
export async function deleteOrgGroup(actor: AuditActor, id: string): Promise<void> {
  assertOrgGroupsEnabled();
  await transaction(async (tx) => {
    const before = await requireOrgGroup(tx, id);
    const members = await tx.userOrgGroup.count({ where: { orgGroupId: id } });
    await tx.orgGroup.delete({ where: { id } });
    await recordAudit(tx, actor, { action: 'org_group.deleted', targetType: 'org_group', targetId: id, before: { ...before, members } });
  });
}

export async function listOrgGroupUsers(id: string, input: UserPageInput) {
  assertOrgGroupsEnabled();
  await requireOrgGroup(db, id);
  return pageOfUsers({ orgGroups: { some: { orgGroupId: id } } }, input);
}
