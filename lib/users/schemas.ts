/**
 * Input schemas of the users API, pure zod (no server imports): the route handlers parse with
 * them and the dashboard's user forms validate with the very same rules.
 */
import { z } from 'zod';
import { isEmailAddress, normalizeEmail } from '@/lib/email/address';

export const PASSWORD_MIN_LENGTH = 8;
// argon2 cost grows with input; a cap keeps a huge "password" from becoming a DoS.
export const PASSWORD_MAX_LENGTH = 256;

export const METADATA_MAX_BYTES = 16 * 1024;

export const localeCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Use a locale code such as en or zh-CN')
  .max(10);
const roleName = z.string().trim().min(1).max(50);

export const createUserInput = z.object({
  email: z.string().refine(isEmailAddress, 'Invalid email address').transform(normalizeEmail),
  password: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH),
  firstName: z.string().trim().max(100).optional(),
  lastName: z.string().trim().max(100).optional(),
  locale: z.string().max(10).optional(),
  roles: z.array(z.string().min(1).max(50)).default([]),
  emailVerified: z.boolean().default(false),
});

// The password policy is createUser's (weak_password), so the schema only bounds the size.
export const createUserApiInput = createUserInput.extend({
  password: z.string().max(1000).describe('Password policy of sign-up: 8–256 characters'),
  locale: localeCode.optional(),
});

export const updateUserInput = z.object({
  firstName: z.string().trim().max(100).nullable().optional(),
  lastName: z.string().trim().max(100).nullable().optional(),
  locale: localeCode.optional(),
  isActive: z.boolean().optional(),
  orgSlug: z.string().trim().max(50).optional().describe('Active org: one the user belongs to; "" clears it'),
  roles: z.array(roleName).max(100).optional().describe('Replaces the roles. Adding or removing a built-in role (super_admin) needs root'),
  metadata: z
    .record(z.string().min(1).max(100), z.unknown())
    .optional()
    .describe(`Shallow merge into the user's metadata; a null value deletes its key. At most ${METADATA_MAX_BYTES} bytes as JSON`),
  mfaRequired: z.boolean().optional().describe('Require MFA for this user whatever the app settings'),
  attributes: z
    .record(z.string(), z.string().max(1000).nullable())
    .optional()
    .describe('User attribute values by attribute id ("" or null removes one); ignored unless ENABLE_USER_ATTRIBUTE, as in Melody'),
});

export const IMPORT_MAX_ROWS = 10_000;

export const importUserRow = z.object({
  email: z.string().max(320),
  password: z.string().optional().describe('Plain text: hashed with argon2id (slow: prefer passwordHash)'),
  passwordHash: z
    .string()
    .max(500)
    .optional()
    .describe('Existing bcrypt ($2a$/$2b$/$2y$, cost ≤ 14) or argon2 hash, kept as is and upgraded to argon2id at the next sign-in'),
  firstName: z.string().max(100).nullable().optional(),
  lastName: z.string().max(100).nullable().optional(),
  locale: z.string().max(10).optional(),
  emailVerified: z.boolean().optional(),
  roles: z.array(z.string().max(50)).max(100).optional(),
});
