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
  allowIntrospection: z.boolean().describe('May call /oauth2/v1/introspect without root'),
  allowDeviceFlow: z.boolean().describe('Accepts the device authorization grant (RFC 8628); off by default'),
  useSystemMfaConfig: z.boolean(),
  requireEmailMfa: z.boolean(),
  requireOtpMfa: z.boolean(),
  requireSmsMfa: z.boolean(),
  allowEmailMfaAsBackup: z.boolean(),
  idTokenSignedResponseAlg: z.string().nullable().describe('id_token_signed_response_alg: RS256, ES256 or EdDSA; null: the server\'s SIGNING_ALGORITHM'),
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

export const auditEventRecord = z.object({
  id: z.string().uuid(),
  actorType: z.enum(['user', 'app', 'api_key', 'system']),
  actorId: z.string().nullable().describe('User id (actorType user), client id (app), "cli" or null (system)'),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  before: z.unknown().nullable().describe('JSON state before the change (secrets omitted)'),
  after: z.unknown().nullable().describe('JSON state after the change (secrets omitted)'),
  ip: z.string(),
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

// ── users ──

export const userRecord = z.object({
  id: z.string().uuid().describe('Same as authId'),
  authId: z.string().uuid(),
  email: z.string().nullable(),
  linkedAuthId: z.string().uuid().nullable(),
  socialAccountId: z.string().nullable().describe('Subject at the social / SSO provider'),
  socialAccountType: z.string().nullable().describe('google, github, oidc:<name>, saml:<idp> …; null for local accounts'),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  locale: z.string(),
  loginCount: z.number().int(),
  mfaTypes: z.array(z.enum(['email', 'otp', 'sms'])),
  emailVerified: z.boolean(),
  otpVerified: z.boolean(),
  smsPhoneNumberVerified: z.boolean(),
  isActive: z.boolean(),
  isInviting: z.boolean().describe('An invitation is pending (neither accepted nor revoked)'),
  invitationExpiresAt: timestamp.nullable(),
  lastSignInAt: timestamp.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

const userOrgRecord = z.object({ id: z.string().uuid(), name: z.string(), slug: z.string() });

export const userDetailRecord = userRecord.extend({
  roles: z.array(z.string()),
  org: userOrgRecord.nullable().describe('Active org'),
  orgs: z.array(userOrgRecord).describe('Org memberships'),
  orgGroups: z.array(z.object({ id: z.string().uuid(), name: z.string(), orgId: z.string().uuid() })),
  attributes: z.record(z.string(), z.string()).describe('User attribute values by attribute name'),
  metadata: z.record(z.string(), z.unknown()),
  mfaRequired: z.boolean(),
});

/** One NDJSON line of GET /users/export: the fields of an import row, and more. */
export const userExportRecord = userRecord.extend({
  roles: z.array(z.string()),
  metadata: z.record(z.string(), z.unknown()),
  passwordHash: z.string().nullable().optional().describe('Only with include_password_hashes=true (root)'),
  passwordAlgorithm: z.enum(['argon2id', 'bcrypt']).nullable().optional(),
});

export const consentedAppRecord = z.object({ appId: z.string().uuid(), appName: z.string(), scopes: z.array(z.string()), createdAt: timestamp });

export const activeSessionRecord = z.object({
  sessionId: z.string().uuid().describe('Refresh-token family: stable across rotations'),
  authId: z.string().uuid(),
  clientId: z.string(),
  appName: z.string(),
  scope: z.string(),
  roles: z.array(z.string()),
  expiredAt: z.number().int().describe('Epoch seconds'),
  createdAt: timestamp,
  impersonatedBy: z.string().uuid().nullable(),
});

export const passkeyRecord = z.object({
  id: z.string().uuid(),
  credentialId: z.string(),
  counter: z.number().int(),
  name: z.string(),
  deviceType: z.string(),
  backedUp: z.boolean(),
  transports: z.array(z.string()),
  lastUsedAt: timestamp.nullable(),
  createdAt: timestamp,
});

// ── orgs, org groups, user attributes ──

export const orgRecord = z.object({
  id: z.string().uuid(),
  name: z.string(),
  slug: z.string(),
  companyLogoUrl: z.string(),
  companyEmailLogoUrl: z.string(),
  fontFamily: z.string(),
  fontUrl: z.string(),
  layoutColor: z.string(),
  labelColor: z.string(),
  primaryButtonColor: z.string(),
  primaryButtonLabelColor: z.string(),
  primaryButtonBorderColor: z.string(),
  secondaryButtonColor: z.string(),
  secondaryButtonLabelColor: z.string(),
  secondaryButtonBorderColor: z.string(),
  criticalIndicatorColor: z.string(),
  emailSenderName: z.string(),
  termsLink: z.string(),
  privacyPolicyLink: z.string(),
  allowPublicRegistration: z.boolean(),
  onlyUseForBrandingOverride: z.boolean().describe('A branding theme only: no members'),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const orgGroupRecord = z.object({
  id: z.string().uuid(),
  name: z.string(),
  orgId: z.string().uuid(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

const attributeLocaleRecord = z.object({ locale: z.string(), value: z.string() });

export const userAttributeRecord = z.object({
  id: z.string().uuid(),
  name: z.string(),
  locales: z.array(attributeLocaleRecord).describe('Label per locale'),
  includeInSignUpForm: z.boolean(),
  requiredInSignUpForm: z.boolean(),
  includeInIdTokenBody: z.boolean().describe('In the ID token `attributes` claim'),
  includeInUserInfo: z.boolean().describe('In the userinfo `attributes` member'),
  unique: z.boolean(),
  validationRegex: z.string(),
  validationLocales: z.array(attributeLocaleRecord).describe('Validation message per locale'),
  createdAt: timestamp,
  updatedAt: timestamp,
});
