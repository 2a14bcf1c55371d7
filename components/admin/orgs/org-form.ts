import { useTranslations } from 'next-intl';
import { z } from 'zod';
import { createOrgInput } from '@/lib/orgs/schemas';

/** The org form: the API's create schema (every branding field optional, "" for none). */
export const orgFormSchema = createOrgInput;
export type OrgFormValues = z.input<typeof orgFormSchema>;

const FORM_FIELDS = Object.keys(orgFormSchema.shape) as (keyof typeof orgFormSchema.shape)[];

/** Where the org forms (create, settings) show the API's errors: every field's own, and name and slug conflicts on their field. */
export function useOrgFormErrors() {
  const t = useTranslations('adminOrgs');
  return {
    fields: FORM_FIELDS,
    fieldErrors: {
      org_name_taken: { field: 'name', message: t('nameTaken') },
      org_slug_taken: { field: 'slug', message: t('slugTaken') },
    },
  } as const;
}
