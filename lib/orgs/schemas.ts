// Input schemas of orgs and org groups, shared by the S2S API routes and the dashboard's forms
// (pure zod: no server imports, so client components can use them).
import { z } from 'zod';
import { orgBrandingInput } from './branding';

const orgName = z
  .string()
  .trim()
  .min(1)
  .max(50)
  // eslint-disable-next-line no-control-regex -- control characters have no place in a display name
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'No control characters');

const orgSlug = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[a-z0-9-]+$/, 'Use lowercase letters, digits and hyphens only')
  .describe('Used in URLs (the `org` authorize parameter): lowercase letters, digits and hyphens');

export const createOrgInput = orgBrandingInput.extend({
  name: orgName,
  slug: orgSlug,
  allowPublicRegistration: z.boolean().default(true).describe('Sign-up is open on this org’s hosted pages'),
  onlyUseForBrandingOverride: z.boolean().default(false).describe('A branding theme only: no members, no invitations'),
});

export const updateOrgInput = orgBrandingInput.extend({
  name: orgName.optional(),
  slug: orgSlug.optional(),
  allowPublicRegistration: z.boolean().optional(),
  onlyUseForBrandingOverride: z.boolean().optional(),
});

export const createOrgGroupInput = z.object({ name: orgName, orgId: z.string().uuid() });
export const updateOrgGroupInput = z.object({ name: orgName });
