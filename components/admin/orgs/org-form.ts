import { useTranslations } from 'next-intl';
import type { UseFormSetError } from 'react-hook-form';
import { z } from 'zod';
import { createOrgInput } from '@/lib/orgs/schemas';
import type { ApiError } from '../api-client';
import { applyApiFieldErrors } from '../forms';

/** The org form: the API's create schema (every branding field optional, "" for none). */
export const orgFormSchema = createOrgInput;
export type OrgFormValues = z.input<typeof orgFormSchema>;

const FORM_FIELDS = Object.keys(orgFormSchema.shape);

/** Name and slug conflicts on their field (focused), other field errors likewise; the rest toasts. */
export function useOrgApiErrors(setError: UseFormSetError<OrgFormValues>) {
  const t = useTranslations('adminOrgs');
  return (error: ApiError): null | undefined => {
    if (error.code === 'org_name_taken') {
      setError('name', { type: 'server', message: t('nameTaken') }, { shouldFocus: true });
      return null;
    }
    if (error.code === 'org_slug_taken') {
      setError('slug', { type: 'server', message: t('slugTaken') }, { shouldFocus: true });
      return null;
    }
    return applyApiFieldErrors(setError, error, FORM_FIELDS) ? null : undefined;
  };
}
