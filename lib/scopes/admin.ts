import { z } from 'zod';
import { recordAudit, type AuditActor } from '@/lib/audit';
import { invalidate } from '@/lib/cache/invalidation';
import { db, transaction } from '@/lib/db';
import { Prisma } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors';
import { BUILT_IN_SCOPES } from '@/lib/access/builtin';
import { ScopeErrors } from './errors';
import type { createScopeInput, scopeLocaleEntry, updateScopeInput } from './schemas';

// Scope management for the S2S API and the admin dashboard (one service for both).

const isBuiltInName = (name: string) => (BUILT_IN_SCOPES as readonly string[]).includes(name);
const withLocales = { locales: { orderBy: { locale: 'asc' as const } } };

export type ScopeRecord = Awaited<ReturnType<typeof getScope>>;

export function listScopes() {
  return db.scope.findMany({ orderBy: [{ isBuiltIn: 'desc' }, { name: 'asc' }] });
}

export async function getScope(id: string) {
  const scope = await db.scope.findUnique({ where: { id }, include: withLocales });
  if (!scope) throw new AppError(ScopeErrors.scope_not_found);
  return scope;
}

function uniqueLocales(locales: z.output<typeof scopeLocaleEntry>[]) {
  return [...new Map(locales.map((entry) => [entry.locale, entry])).values()];
}

function nameTaken(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

export async function createScope(actor: AuditActor, input: z.output<typeof createScopeInput>) {
  if (isBuiltInName(input.name)) throw new AppError(ScopeErrors.built_in_scope);
  try {
    return await transaction(async (tx) => {
      const scope = await tx.scope.create({
        data: { name: input.name, type: input.type, note: input.note, locales: { create: uniqueLocales(input.locales) } },
        include: withLocales,
      });
      await recordAudit(tx, actor, { action: 'scope.created', targetType: 'scope', targetId: scope.id, after: scope });
      return scope;
    });
  } catch (error) {
    if (nameTaken(error)) throw new AppError(ScopeErrors.scope_name_taken, undefined, { name: ScopeErrors.scope_name_taken.message });
    throw error;
  }
}

/** Built-in scopes keep their name; their note and consent texts stay editable. */
export async function updateScope(actor: AuditActor, id: string, input: z.output<typeof updateScopeInput>) {
  try {
    return await transaction(async (tx) => {
      const before = await tx.scope.findUnique({ where: { id }, include: withLocales });
      if (!before) throw new AppError(ScopeErrors.scope_not_found);
      if (input.name !== undefined && input.name !== before.name && (before.isBuiltIn || isBuiltInName(input.name))) {
        throw new AppError(ScopeErrors.built_in_scope);
      }
      if (input.locales) {
        await tx.scopeLocale.deleteMany({ where: { scopeId: id } });
        await tx.scopeLocale.createMany({ data: uniqueLocales(input.locales).map((entry) => ({ ...entry, scopeId: id })) });
      }
      const after = await tx.scope.update({
        where: { id },
        data: { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.note !== undefined ? { note: input.note } : {}) },
        include: withLocales,
      });
      await recordAudit(tx, actor, { action: 'scope.updated', targetType: 'scope', targetId: id, before, after });
      return after;
    }).finally(() => invalidate('apps'));
  } catch (error) {
    if (nameTaken(error)) throw new AppError(ScopeErrors.scope_name_taken, undefined, { name: ScopeErrors.scope_name_taken.message });
    throw error;
  }
}

export async function deleteScope(actor: AuditActor, id: string) {
  await transaction(async (tx) => {
    const before = await tx.scope.findUnique({ where: { id }, include: withLocales });
    if (!before) throw new AppError(ScopeErrors.scope_not_found);
    if (before.isBuiltIn) throw new AppError(ScopeErrors.built_in_scope);
    await tx.scope.delete({ where: { id } });
    await recordAudit(tx, actor, { action: 'scope.deleted', targetType: 'scope', targetId: id, before });
  }).finally(() => invalidate('apps'));
}
