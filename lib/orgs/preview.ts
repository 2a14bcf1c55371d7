import { ORG_BRANDING_FIELDS } from './branding';
import type { pageBrandingOf } from './hosted-branding';

type BrandingRow = Parameters<typeof pageBrandingOf>[0];

/**
 * The org row a branding preview URL describes: `name` and every branding field taken from the
 * query (a repeated parameter counts once, anything missing is ""). Values are not checked here:
 * pageBrandingOf applies the hosted pages' guards to them, as it does to a stored org.
 */
export function brandingPreviewRow(params: Record<string, string | string[] | undefined>): BrandingRow {
  const text = (key: string) => {
    const value = params[key];
    return (Array.isArray(value) ? value[0] : value)?.slice(0, 500) ?? '';
  };
  const row = { name: text('name').slice(0, 50) } as BrandingRow;
  for (const field of ORG_BRANDING_FIELDS) row[field] = text(field);
  return row;
}

/** The preview URL of draft branding values (only the non-empty ones). */
export function brandingPreviewPath(values: Partial<Record<'name' | (typeof ORG_BRANDING_FIELDS)[number], string>>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value?.trim()) query.set(key, value.trim());
  return `/admin/branding-preview?${query}`;
}
