// User attribute definitions (Melody's user_attribute) for the S2S API and the admin dashboard.
// Labels and validation messages per locale are rows of user_attribute_locales; the API speaks
// Melody's shape: locales [{ locale, value }] (labels) and validationLocales [{ locale, value }].
import { z } from 'zod';
import { recordAudit, type AuditActor } from '@/lib/audit';
import { config } from '@/lib/config';
import { db, transaction, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/db/generated/client';
import { AppError, CommonErrors } from '@/lib/errors';
import { UserAttributeErrors } from './errors';
import { validationRegexProblem } from './regex';
import type { createUserAttributeInput, updateUserAttributeInput, userAttributeLocaleEntry } from './schemas';

export function assertUserAttributesEnabled() {
  if (!config().enableUserAttribute) throw new AppError(UserAttributeErrors.feature_disabled);
}

// ───────────────────────────── records ─────────────────────────────

const include = { locales: { orderBy: { locale: 'asc' as const } } };
type AttributeRow = Prisma.UserAttributeGetPayload<{ include: typeof include }>;

export function toUserAttributeRecord(row: AttributeRow) {
  const { locales, sortOrder: _sortOrder, ...rest } = row;
  return {
    ...rest,
    locales: locales.filter((entry) => entry.label).map((entry) => ({ locale: entry.locale, value: entry.label })),
    validationLocales: locales.filter((entry) => entry.validationMessage).map((entry) => ({ locale: entry.locale, value: entry.validationMessage })),
  };
}

export type UserAttributeRecord = ReturnType<typeof toUserAttributeRecord>;

const ORDER = [{ sortOrder: 'asc' as const }, { createdAt: 'asc' as const }, { id: 'asc' as const }];

/** Every attribute definition, enabled or not (services reading values call this). */
export async function allUserAttributes(client: Tx | typeof db = db): Promise<UserAttributeRecord[]> {
  return (await client.userAttribute.findMany({ include, orderBy: ORDER })).map(toUserAttributeRecord);
}

export async function listUserAttributes(): Promise<UserAttributeRecord[]> {
  assertUserAttributesEnabled();
  return allUserAttributes();
}

/** The attributes of the sign-up form (empty while ENABLE_USER_ATTRIBUTE is off). */
export async function listSignUpAttributes(): Promise<UserAttributeRecord[]> {
  if (!config().enableUserAttribute) return [];
  return (await allUserAttributes()).filter((attribute) => attribute.includeInSignUpForm);
}

async function findRow(client: Tx | typeof db, id: string) {
  return client.userAttribute.findUnique({ where: { id }, include });
}

export async function getUserAttribute(id: string): Promise<UserAttributeRecord> {
  assertUserAttributesEnabled();
  const row = await findRow(db, id);
  if (!row) throw new AppError(UserAttributeErrors.user_attribute_not_found);
  return toUserAttributeRecord(row);
}

// ───────────────────────────── writes ─────────────────────────────

type LocaleEntry = z.output<typeof userAttributeLocaleEntry>;

/** One row per locale holding a label and/or a validation message; empty rows are dropped. */
function localeRows(labels: LocaleEntry[], messages: LocaleEntry[]) {
  const rows = new Map<string, { locale: string; label: string; validationMessage: string }>();
  const row = (locale: string) => rows.get(locale) ?? rows.set(locale, { locale, label: '', validationMessage: '' }).get(locale)!;
  for (const entry of labels) row(entry.locale).label = entry.value;
  for (const entry of messages) row(entry.locale).validationMessage = entry.value;
  return [...rows.values()].filter((entry) => entry.label || entry.validationMessage);
}

function assertRequiredIsShown(flags: { includeInSignUpForm: boolean; requiredInSignUpForm: boolean }) {
  if (flags.requiredInSignUpForm && !flags.includeInSignUpForm) {
    throw new AppError(CommonErrors.invalid_input, 'An attribute required in the sign-up form must be included in it.', {
      requiredInSignUpForm: 'Needs includeInSignUpForm',
    });
  }
}

function nameTaken(): AppError {
  return new AppError(UserAttributeErrors.user_attribute_name_taken, undefined, { name: UserAttributeErrors.user_attribute_name_taken.message });
}

async function assertNameFree(tx: Tx, name: string, exceptId?: string) {
  const taken = await tx.userAttribute.count({ where: { name, ...(exceptId ? { NOT: { id: exceptId } } : {}) } });
  if (taken) throw nameTaken();
}

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

/** Serializes uniqueness checks and writes of one attribute's values (transaction-scoped lock). */
export async function lockAttributeUniqueness(tx: Tx, attributeId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`user_attribute_unique:${attributeId}`}))`;
}

/** Issue 12 item 13: only patterns the linear-time engine runs are stored (lib/user-attributes/regex). */
function assertRunnableRegex(pattern: string | undefined): void {
  const problem = pattern === undefined ? undefined : validationRegexProblem(pattern);
  if (problem) throw new AppError(UserAttributeErrors.validation_regex_unsupported, problem, { validationRegex: problem });
}

export async function createUserAttribute(actor: AuditActor, input: z.output<typeof createUserAttributeInput>): Promise<UserAttributeRecord> {
  assertUserAttributesEnabled();
  assertRequiredIsShown(input);
  assertRunnableRegex(input.validationRegex);
  const { locales, validationLocales, ...fields } = input;
  try {
    return await transaction(async (tx) => {
      await assertNameFree(tx, input.name);
      const row = await tx.userAttribute.create({ data: { ...fields, locales: { create: localeRows(locales, validationLocales) } }, include });
      const attribute = toUserAttributeRecord(row);
      await recordAudit(tx, actor, { action: 'user_attribute.created', targetType: 'user_attribute', targetId: attribute.id, after: attribute });
      return attribute;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

/** Omitted fields keep their value; `unique` cannot be turned on while users share a value. */
export async function updateUserAttribute(
  actor: AuditActor,
  id: string,
  input: z.output<typeof updateUserAttributeInput>,
): Promise<UserAttributeRecord> {
  assertUserAttributesEnabled();
  assertRunnableRegex(input.validationRegex);
  const { locales, validationLocales, ...fields } = input;
  try {
    return await transaction(async (tx) => {
      const row = await findRow(tx, id);
      if (!row) throw new AppError(UserAttributeErrors.user_attribute_not_found);
      const before = toUserAttributeRecord(row);
      assertRequiredIsShown({
        includeInSignUpForm: fields.includeInSignUpForm ?? before.includeInSignUpForm,
        requiredInSignUpForm: fields.requiredInSignUpForm ?? before.requiredInSignUpForm,
      });
      if (fields.name !== undefined && fields.name !== before.name) await assertNameFree(tx, fields.name, id);
      if (fields.unique && !before.unique) {
        await lockAttributeUniqueness(tx, id);
        const shared = await tx.userAttributeValue.groupBy({
          by: ['value'],
          where: { userAttributeId: id },
          having: { value: { _count: { gt: 1 } } },
          orderBy: { value: 'asc' },
          take: 1,
        });
        if (shared.length) throw new AppError(UserAttributeErrors.user_attribute_values_not_unique, undefined, { unique: 'Users share a value' });
      }
      if (locales !== undefined || validationLocales !== undefined) {
        await tx.userAttributeLocale.deleteMany({ where: { userAttributeId: id } });
        const rows = localeRows(locales ?? before.locales, validationLocales ?? before.validationLocales);
        await tx.userAttributeLocale.createMany({ data: rows.map((entry) => ({ ...entry, userAttributeId: id })) });
      }
      const data = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
      const after = toUserAttributeRecord(await tx.userAttribute.update({ where: { id }, data, include }));
      await recordAudit(tx, actor, { action: 'user_attribute.updated', targetType: 'user_attribute', targetId: id, before, after });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

/** The users' values of the attribute go with it. */
export async function deleteUserAttribute(actor: AuditActor, id: string): Promise<void> {
  assertUserAttributesEnabled();
  await transaction(async (tx) => {
    const row = await findRow(tx, id);
    if (!row) throw new AppError(UserAttributeErrors.user_attribute_not_found);
    const values = await tx.userAttributeValue.count({ where: { userAttributeId: id } });
    await tx.userAttribute.delete({ where: { id } });
    await recordAudit(tx, actor, {
      action: 'user_attribute.deleted',
      targetType: 'user_attribute',
      targetId: id,
      before: { ...toUserAttributeRecord(row), values },
    });
  });
}
