import { z } from 'zod';
import { safeCssColor, safeHttpUrl } from '@/lib/ui/safe-values';

// Validation of an org's branding overrides (Melody's org columns). Values end up in hosted pages
// and emails, so they are refused when written unless they pass the guards (lib/ui/safe-values)
// that the pages and emails apply again when they read them. One read-side rule depends on the
// deployment and is not applied here: a font stylesheet loads only from BRANDING_FONT_HOSTS.
// "" means "not overridden" (the deployment's value applies).

/** An absolute http(s) URL (a logo or link shown on other sites' mail clients needs one). */
export function isAbsoluteHttpUrl(value: string): boolean {
  const safe = safeHttpUrl(value);
  return safe !== undefined && !value.trim().startsWith('/');
}

/** Letters, digits, spaces, hyphens, commas and (balanced) quotes: a CSS font-family list. */
const FONT_FAMILY = /^[\p{L}\p{N} ,'"-]+$/u;

export function isSafeFontFamily(value: string): boolean {
  if (!FONT_FAMILY.test(value)) return false;
  const count = (quote: string) => value.split(quote).length - 1;
  return count('"') % 2 === 0 && count("'") % 2 === 0;
}

const url = z
  .string()
  .trim()
  .max(500)
  .refine((value) => value === '' || isAbsoluteHttpUrl(value), 'Use an absolute http(s) URL, or "" for none');

const color = z
  .string()
  .trim()
  .max(50)
  .refine(
    (value) => value === '' || safeCssColor(value) !== undefined,
    'Use a hex (#1a2b3c) or functional (rgb(), hsl(), oklch() …) CSS color, or "" for the default',
  );

const fontFamily = z
  .string()
  .trim()
  .max(100)
  .refine((value) => value === '' || isSafeFontFamily(value), 'Use letters, digits, spaces, hyphens, commas and balanced quotes only');

const senderName = z
  .string()
  .trim()
  .max(100)
  // eslint-disable-next-line no-control-regex -- refusing control characters (mail header injection) is the point
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'No control characters');

/** Every branding field of an org, each optional ("" clears an override). */
export const orgBrandingInput = z.object({
  companyLogoUrl: url.optional(),
  companyEmailLogoUrl: url.optional(),
  fontFamily: fontFamily.optional(),
  fontUrl: url.optional().describe('A font stylesheet URL; hosted pages load it only from a host in BRANDING_FONT_HOSTS'),
  layoutColor: color.optional(),
  labelColor: color.optional(),
  primaryButtonColor: color.optional(),
  primaryButtonLabelColor: color.optional(),
  primaryButtonBorderColor: color.optional(),
  secondaryButtonColor: color.optional(),
  secondaryButtonLabelColor: color.optional(),
  secondaryButtonBorderColor: color.optional(),
  criticalIndicatorColor: color.optional(),
  emailSenderName: senderName.optional(),
  termsLink: url.optional(),
  privacyPolicyLink: url.optional(),
});

export type OrgBrandingInput = z.output<typeof orgBrandingInput>;

export const ORG_BRANDING_FIELDS = Object.keys(orgBrandingInput.shape) as (keyof OrgBrandingInput)[];
