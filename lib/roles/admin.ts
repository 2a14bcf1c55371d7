import { z } from 'zod';
import { recordAudit } from '@/lib/audit';
import { db, transaction } from '@/lib/db';
import { Prisma } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors';
import type { Caller } from '@/lib/access/principal';
import { holdsRight } from '@/lib/access/scopes';
import { isReservedRoleName } from './admin-scopes';
import { RoleErrors } from './errors';
import type { createRoleInput, updateRoleInput } from './schemas';

// Role management for the S2S API and the admin dashboard (one service for both).
//
// A role's adminScopes are dashboard rights, so they follow the app rule: a caller may only give
// or take away admin scopes it holds itself, and may only change or delete a role whose admin
// scopes it holds (impersonation and manage_saml count as root's). The built-in super_admin
// (adminScopes [root]) therefore changes only through root, and never its name or rights.

const unique = <T>(values: readonly T[]) => [...new Set(values)];

/**
 * Refuses unless the caller holds every admin scope in `scopes`. The users service can use it
 * for role assignment too: giving a user an admin role hands over the role's rights.
 */
export function assertHoldsAdminScopes(caller: Pick<Caller, 'scopes'>, scopes: Iterable<string>) {
  const missing = unique([...scopes]).filter((scope) => !holdsRight(caller, scope));
  if (missing.length) {
    throw new AppError(RoleErrors.admin_scope_not_held, `The caller does not hold: ${missing.join(', ')}`, { adminScopes: missing.join(', ') });
  }
}

function nameTaken(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

function rethrowNameTaken(error: unknown): never {
  if (nameTaken(error)) throw new AppError(RoleErrors.role_name_taken, undefined, { name: RoleErrors.role_name_taken.message });
  throw error;
}

export function listRoles() {
  return db.role.findMany({ orderBy: [{ isBuiltIn: 'desc' }, { name: 'asc' }] });
}

export async function getRole(id: string) {
  const role = await db.role.findUnique({ where: { id } });
  if (!role) throw new AppError(RoleErrors.role_not_found);
  return role;
}

export async function createRole(caller: Caller, input: z.output<typeof createRoleInput>) {
  if (isReservedRoleName(input.name)) throw new AppError(RoleErrors.built_in_role, undefined, { name: 'Reserved name' });
  const adminScopes = unique(input.adminScopes);
  assertHoldsAdminScopes(caller, adminScopes);
  try {
    return await transaction(async (tx) => {
      const role = await tx.role.create({
        data: { name: input.name, note: input.note, permissions: unique(input.permissions), adminScopes },
      });
      await recordAudit(tx, caller.actor, { action: 'role.created', targetType: 'role', targetId: role.id, after: role });
      return role;
    });
  } catch (error) {
    rethrowNameTaken(error);
  }
}

export async function updateRole(caller: Caller, id: string, input: z.output<typeof updateRoleInput>) {
  try {
    return await transaction(async (tx) => {
      const before = await tx.role.findUnique({ where: { id } });
      if (!before) throw new AppError(RoleErrors.role_not_found);
      assertHoldsAdminScopes(caller, before.adminScopes);
      const renamed = input.name !== undefined && input.name !== before.name;
      const adminScopes = input.adminScopes ? unique(input.adminScopes) : undefined;
      if (before.isBuiltIn && (renamed || (adminScopes && !sameSet(adminScopes, before.adminScopes)))) {
        throw new AppError(RoleErrors.built_in_role);
      }
      if (renamed && isReservedRoleName(input.name!)) throw new AppError(RoleErrors.built_in_role, undefined, { name: 'Reserved name' });
      if (adminScopes && !before.isBuiltIn) assertHoldsAdminScopes(caller, adminScopes);
      const after = await tx.role.update({
        where: { id },
        data: {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.note !== undefined ? { note: input.note } : {}),
          ...(input.permissions !== undefined ? { permissions: unique(input.permissions) } : {}),
          ...(adminScopes && !before.isBuiltIn ? { adminScopes } : {}),
        },
      });
      await recordAudit(tx, caller.actor, { action: 'role.updated', targetType: 'role', targetId: id, before, after });
      return after;
    });
  } catch (error) {
    rethrowNameTaken(error);
  }
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value) => b.includes(value));

/** Deletes a custom role; its users lose it. */
export async function deleteRole(caller: Caller, id: string) {
  await transaction(async (tx) => {
    const before = await tx.role.findUnique({ where: { id } });
    if (!before) throw new AppError(RoleErrors.role_not_found);
    if (before.isBuiltIn) throw new AppError(RoleErrors.built_in_role);
    assertHoldsAdminScopes(caller, before.adminScopes);
    const members = await tx.userRole.count({ where: { roleId: id } });
    await tx.role.delete({ where: { id } });
    await recordAudit(tx, caller.actor, { action: 'role.deleted', targetType: 'role', targetId: id, before: { ...before, members } });
  });
}

