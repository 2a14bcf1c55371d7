import { z } from 'zod';

// Response shapes of the S2S API (Melody's field names), shared by every route that returns them.

const timestamp = z.date().transform((value) => value.toISOString()).pipe(z.string()).describe('ISO 8601');

export const scopeLocaleRecord = z.object({ locale: z.string(), value: z.string() });

export const scopeRecord = z.object({
  id: z.string().uuid(),
  name: z.string(),
  type: z.enum(['spa', 's2s']),
  note: z.string(),
  isBuiltIn: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const scopeDetailRecord = scopeRecord.extend({ locales: z.array(scopeLocaleRecord) });

// ── apps, app banners, roles, logs, SAML IdPs, signing keys ──

const optionalTimestamp = timestamp.nullable();

export const appRecord = z.object({
  id: z.string().uuid(),
  clientId: z.string(),
  name: z.string(),
  type: z.enum(['spa', 's2s']),
  isActive: z.boolean(),
  isBuiltIn: z.boolean().describe('The dashboard client: cannot be deleted or deactivated'),
  redirectUris: z.array(z.string()),
  postLogoutRedirectUris: z.array(z.string()),
  skipConsent: z.boolean().describe('First-party app: no consent screen'),
  rotateRefreshTokens: z.boolean(),
  useSystemMfaConfig: z.boolean(),
  requireEmailMfa: z.boolean(),
  requireOtpMfa: z.boolean(),
  requireSmsMfa: z.boolean(),
  allowEmailMfaAsBackup: z.boolean(),
  scopes: z.array(z.string()),
  createdAt: timestamp,
  updatedAt: timestamp,
});

/** An app with its secret: only in the answer that created or regenerated the secret. */
export const appWithSecretRecord = appRecord.extend({
  secret: z.string().optional().describe('S2S apps only. Shown in this response only: it is stored hashed'),
});

export const appBannerRecord = z.object({
  id: z.string().uuid(),
  type: z.enum(['info', 'warning', 'error', 'success']),
  text: z.string(),
  isActive: z.boolean(),
  appIds: z.array(z.string().uuid()),
  locales: z.array(z.object({ locale: z.string(), value: z.string() })),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const roleRecord = z.object({
  id: z.string().uuid(),
  name: z.string(),
  note: z.string(),
  isBuiltIn: z.boolean(),
  permissions: z.array(z.string()).describe('Free-form permissions, returned in tokens'),
  adminScopes: z.array(z.string()).describe('Dashboard rights of an admin role'),
  createdAt: timestamp,
  updatedAt: timestamp,
});

/** A user as listed under a role. */
export const roleUserRecord = z.object({
  id: z.string().uuid(),
  authId: z.string().uuid(),
  email: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  locale: z.string(),
  isActive: z.boolean(),
  emailVerified: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const emailLogRecord = z.object({
  id: z.string().uuid(),
  receiver: z.string(),
  subject: z.string(),
  content: z.string().describe('Codes and link tokens redacted'),
  response: z.string(),
  success: z.boolean(),
  createdAt: timestamp,
});

export const smsLogRecord = z.object({
  id: z.string().uuid(),
  receiver: z.string(),
  content: z.string().describe('Codes redacted'),
  response: z.string(),
  success: z.boolean(),
  createdAt: timestamp,
});

export const signInLogRecord = z.object({
  id: z.string().uuid(),
  userId: z.string().uuid().nullable(),
  appId: z.string().uuid().nullable(),
  email: z.string().nullable(),
  method: z.string(),
  success: z.boolean(),
  reason: z.string(),
  ip: z.string(),
  userAgent: z.string(),
  detail: z.string().describe('JSON text, as in Melody'),
  createdAt: timestamp,
});

export const samlIdpRecord = z.object({
  id: z.string().uuid(),
  name: z.string(),
  isActive: z.boolean(),
  userIdAttribute: z.string(),
  emailAttribute: z.string().nullable(),
  firstNameAttribute: z.string().nullable(),
  lastNameAttribute: z.string().nullable(),
  metadata: z.string().describe('IdP metadata XML'),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const signingKeyRecord = z.object({
  kid: z.string(),
  alg: z.string(),
  status: z.enum(['current', 'previous', 'retired']).describe('previous keys stay in the JWKS until retireAfter'),
  createdAt: timestamp,
  rotatedAt: optionalTimestamp,
  retireAfter: optionalTimestamp,
  retiredAt: optionalTimestamp,
});
