// Users' attribute values: the one validation that sign-up (hosted page, embedded API), the
// update_info policy page and user updates (S2S API, dashboard) call, and the write that goes
// with it. Values are keyed by attribute id, as in Melody's `attributes: { <attributeId>: value }`.
//
// Rules, per attribute:
// - sign_up mode: only attributes of the sign-up form are accepted; those required there must have
//   a value. update mode: any attribute, only the given keys; a required one cannot be emptied.
// - values are trimmed; "" or null removes the value; at most ATTRIBUTE_VALUE_MAX_LENGTH characters.
// - a non-empty value must match validationRegex (message: the attribute's validation message in
//   the caller's locale, else a generic English one).
// - unique attributes: no other user may hold the same value (exact, case-sensitive comparison).
import { config } from '@/lib/config';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { allUserAttributes, lockAttributeUniqueness, type UserAttributeRecord } from './admin';
import { UserAttributeErrors } from './errors';
import { matchesValidationRegex } from './regex';

export const ATTRIBUTE_VALUE_MAX_LENGTH = 500;

export type AttributeValuesInput = Readonly<Record<string, string | null | undefined>>;

export type AttributeIssueReason = 'unknown' | 'required' | 'too_long' | 'invalid' | 'taken';

export interface AttributeIssue {
  attributeId: string;
  /** null for an unknown attribute. */
  name: string | null;
  /** Stable: hosted pages translate it (except `invalid`, whose message is the deployer's). */
  reason: AttributeIssueReason;
  message: string;
}

export interface ValidatedAttributeValue {
  attributeId: string;
  name: string;
  /** null: remove the user's value. */
  value: string | null;
}

export interface ValidateAttributeValuesOptions {
  /** Locale of the validation messages (falls back to the language, then en). */
  locale: string;
  /** The user the values are for: their own current values never count as taken. */
  userId?: string;
  /** Default 'update'. */
  mode?: 'sign_up' | 'update';
  /** Run inside the caller's transaction. */
  client?: Tx | typeof db;
}

/** invalid_attribute_values with the issues; `fields` is keyed `attributes.<attributeId>`. */
export class AttributeValuesError extends AppError {
  readonly issues: readonly AttributeIssue[];

  constructor(issues: readonly AttributeIssue[]) {
    super(
      UserAttributeErrors.invalid_attribute_values,
      undefined,
      Object.fromEntries(issues.map((issue) => [`attributes.${issue.attributeId}`, issue.message])),
    );
    this.issues = issues;
  }
}

/** The attribute's validation message in `locale`, its language, then en; else undefined. */
export function validationMessageFor(attribute: Pick<UserAttributeRecord, 'validationLocales'>, locale: string): string | undefined {
  const messages = new Map(attribute.validationLocales.map((entry) => [entry.locale.toLowerCase(), entry.value]));
  const wanted = locale.toLowerCase();
  return messages.get(wanted) ?? messages.get(wanted.split('-')[0]!) ?? messages.get('en');
}

const MESSAGES: Record<Exclude<AttributeIssueReason, 'invalid'>, string> = {
  unknown: 'Unknown attribute.',
  required: 'A value is required.',
  too_long: `At most ${ATTRIBUTE_VALUE_MAX_LENGTH} characters.`,
  taken: 'Another account already uses this value.',
};

/**
 * Checks `values` without throwing: the accepted values (normalized) and every issue. When
 * ENABLE_USER_ATTRIBUTE is off there is nothing to validate: values are refused with
 * feature_disabled, an empty input gives no values.
 */
export async function checkAttributeValues(
  values: AttributeValuesInput,
  options: ValidateAttributeValuesOptions,
): Promise<{ values: ValidatedAttributeValue[]; issues: AttributeIssue[] }> {
  const given = Object.entries(values).filter(([, value]) => value !== undefined) as [string, string | null][];
  if (!config().enableUserAttribute) {
    if (given.length) throw new AppError(UserAttributeErrors.feature_disabled);
    return { values: [], issues: [] };
  }
  const client = options.client ?? db;
  const signUp = options.mode === 'sign_up';
  const attributes = (await allUserAttributes(client)).filter((attribute) => !signUp || attribute.includeInSignUpForm);
  const byId = new Map(attributes.map((attribute) => [attribute.id, attribute]));
  const issues: AttributeIssue[] = [];
  const accepted: ValidatedAttributeValue[] = [];
  const issue = (attribute: UserAttributeRecord, reason: AttributeIssueReason, message?: string) =>
    issues.push({ attributeId: attribute.id, name: attribute.name, reason, message: message ?? MESSAGES[reason as keyof typeof MESSAGES] });

  for (const [attributeId, raw] of given) {
    const attribute = byId.get(attributeId);
    if (!attribute) {
      issues.push({ attributeId, name: null, reason: 'unknown', message: MESSAGES.unknown });
      continue;
    }
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (!value) {
      if (attribute.requiredInSignUpForm) issue(attribute, 'required');
      else accepted.push({ attributeId, name: attribute.name, value: null });
    } else if (value.length > ATTRIBUTE_VALUE_MAX_LENGTH) issue(attribute, 'too_long');
    else if (!matchesValidationRegex(attribute.validationRegex, value)) {
      issue(attribute, 'invalid', validationMessageFor(attribute, options.locale) ?? 'The value does not have the expected format.');
    } else accepted.push({ attributeId, name: attribute.name, value });
  }
  if (signUp) {
    for (const attribute of attributes) {
      if (attribute.requiredInSignUpForm && !given.some(([attributeId]) => attributeId === attribute.id)) issue(attribute, 'required');
    }
  }

  const uniqueValues = accepted.filter((entry) => entry.value !== null && byId.get(entry.attributeId)!.unique);
  if (uniqueValues.length) {
    const taken = await client.userAttributeValue.findMany({
      where: {
        OR: uniqueValues.map((entry) => ({ userAttributeId: entry.attributeId, value: entry.value! })),
        ...(options.userId ? { NOT: { userId: options.userId } } : {}),
      },
      select: { userAttributeId: true },
    });
    for (const entry of uniqueValues) {
      if (taken.some((row) => row.userAttributeId === entry.attributeId)) issue(byId.get(entry.attributeId)!, 'taken');
    }
  }
  const refused = new Set(issues.map((entry) => entry.attributeId));
  return { values: accepted.filter((entry) => !refused.has(entry.attributeId)), issues };
}

/** checkAttributeValues that throws AttributeValuesError (400 invalid_attribute_values) on any issue. */
export async function validateAttributeValues(values: AttributeValuesInput, options: ValidateAttributeValuesOptions): Promise<ValidatedAttributeValue[]> {
  const result = await checkAttributeValues(values, options);
  if (result.issues.length) throw new AttributeValuesError(result.issues);
  return result.values;
}

/**
 * Validates and writes `userId`'s values in the caller's transaction (the caller records the
 * audit event of the change it belongs to). Unique attributes are locked first, so two concurrent
 * writers cannot both take a value.
 */
export async function saveAttributeValues(
  tx: Tx,
  userId: string,
  values: AttributeValuesInput,
  options: Omit<ValidateAttributeValuesOptions, 'userId' | 'client'>,
): Promise<ValidatedAttributeValue[]> {
  if (config().enableUserAttribute) {
    const ids = Object.keys(values).sort();
    const unique = ids.length ? await tx.userAttribute.findMany({ where: { unique: true }, select: { id: true }, orderBy: { id: 'asc' } }) : [];
    for (const attribute of unique) if (ids.includes(attribute.id)) await lockAttributeUniqueness(tx, attribute.id);
  }
  const validated = await validateAttributeValues(values, { ...options, userId, client: tx });
  for (const entry of validated) {
    if (entry.value === null) {
      await tx.userAttributeValue.deleteMany({ where: { userId, userAttributeId: entry.attributeId } });
    } else {
      await tx.userAttributeValue.upsert({
        where: { userId_userAttributeId: { userId, userAttributeId: entry.attributeId } },
        create: { userId, userAttributeId: entry.attributeId, value: entry.value },
        update: { value: entry.value },
      });
    }
  }
  return validated;
}
