/** A user as /api/v1/users lists it (lib/api/records.ts userRecord). */
export interface User {
  id: string;
  authId: string;
  email: string | null;
  linkedAuthId: string | null;
  socialAccountId: string | null;
  socialAccountType: string | null;
  firstName: string | null;
  lastName: string | null;
  locale: string;
  loginCount: number;
  mfaTypes: ('email' | 'otp' | 'sms')[];
  emailVerified: boolean;
  otpVerified: boolean;
  smsPhoneNumberVerified: boolean;
  isActive: boolean;
  isInviting: boolean;
  invitationExpiresAt: string | null;
  lastSignInAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface OrgRef {
  id: string;
  name: string;
  slug: string;
}

/** GET /api/v1/users/{authId} (userDetailRecord). */
export interface UserDetail extends User {
  roles: string[];
  org: OrgRef | null;
  orgs: OrgRef[];
  orgGroups: { id: string; name: string; orgId: string }[];
  attributes: Record<string, string>;
  metadata: Record<string, unknown>;
  mfaRequired: boolean;
}

export interface RoleOption {
  id: string;
  name: string;
  note: string;
  isBuiltIn: boolean;
}

export interface OrgGroup {
  id: string;
  name: string;
  orgId: string;
}

export interface UserAttribute {
  id: string;
  name: string;
  locales: { locale: string; value: string }[];
}

export interface AppOption {
  id: string;
  name: string;
  type: 'spa' | 's2s';
  isActive: boolean;
}

export interface Passkey {
  id: string;
  name: string;
  deviceType: string;
  backedUp: boolean;
  lastUsedAt: string | null;
  createdAt: string;
}

export interface ConsentedApp {
  appId: string;
  appName: string;
  scopes: string[];
  createdAt: string;
}

export interface ActiveSession {
  sessionId: string;
  clientId: string;
  appName: string;
  scope: string;
  expiredAt: number;
  createdAt: string;
  impersonatedBy: string | null;
}

export interface ImportResult {
  index: number;
  email: string;
  status: 'created' | 'skipped' | 'error';
  authId?: string;
  error?: string;
}

export interface LocaleOption {
  code: string;
  name: string;
}

export const USERS_PATH = '/api/v1/users';
export const userPath = (authId: string) => `${USERS_PATH}/${authId}`;

/** "First Last", or null when the user has neither. */
export function fullName(user: Pick<User, 'firstName' | 'lastName'>): string | null {
  return [user.firstName, user.lastName].filter(Boolean).join(' ') || null;
}
