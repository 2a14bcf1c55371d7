import type { OrgBrandingInput } from '@/lib/orgs/branding';

export const ORGS_PATH = '/api/v1/orgs';
export const ORG_GROUPS_PATH = '/api/v1/org-groups';

export const orgPath = (id: string) => `${ORGS_PATH}/${id}`;

/** An org as /api/v1/orgs returns it (lib/api/records.ts orgRecord). */
export type Org = { [K in keyof OrgBrandingInput]-?: string } & {
  id: string;
  name: string;
  slug: string;
  allowPublicRegistration: boolean;
  onlyUseForBrandingOverride: boolean;
  createdAt: string;
  updatedAt: string;
};

/** An org group (orgGroupRecord). */
export interface OrgGroup {
  id: string;
  name: string;
  orgId: string;
  createdAt: string;
  updatedAt: string;
}

/** The fields of a member row (userRecord) the pages show. */
export interface OrgMember {
  authId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
}

export const memberName = (user: OrgMember) => [user.firstName, user.lastName].filter(Boolean).join(' ') || user.email || user.authId;
