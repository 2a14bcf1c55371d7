// Branding of the hosted pages and emails of one authorization request, from its `org` parameter
// (Melody's getBranding). Read side only: lib/orgs/branding.ts validates the values when an org is
// written; here every value goes through lib/ui/safe-values again and anything that fails is
// dropped (the deployment's value applies), so a row written before a rule existed, or edited in
// the database, cannot reach a page as raw CSS or a script URL.
//
// Rules:
// - Only with ENABLE_ORG, and only for an org whose registration is public or that exists for
//   branding (onlyUseForBrandingOverride): Melody brands for public orgs only, so a private org's
//   look is not revealed to anyone who guesses its slug.
// - Colors are hex or functional CSS colors; the font family is a plain family list; the font
//   stylesheet is same-origin or https on BRANDING_FONT_HOSTS (the hosts the CSP allows); logos and
//   legal links are http(s) URLs.
import { config } from '@/lib/config';
import { db } from '@/lib/db';
import { emailBrandingFromOrg, type EmailBranding } from '@/lib/email';
import { safeCssColor, safeFontFamily, safeFontUrl, safeHttpUrl } from '@/lib/ui/safe-values';

/**
 * Branding of one hosted page (IdentityShell): the deployment's values merged with an org's
 * overrides; absent = the default look. The one list of branding fields of the hosted pages.
 */
export interface PageBrandingOverrides {
  /** Product or organization name shown under the logo; defaults to common.appName. */
  name?: string;
  /** Logo URL (http(s) or a same-origin path); defaults to /logo.svg. */
  logoUrl?: string;
  /** primaryButtonColor / primaryButtonLabelColor / primaryButtonBorderColor */
  brandColor?: string;
  brandForegroundColor?: string;
  brandBorderColor?: string;
  /** secondaryButtonColor / secondaryButtonLabelColor / secondaryButtonBorderColor */
  secondaryColor?: string;
  secondaryForegroundColor?: string;
  secondaryBorderColor?: string;
  /** layoutColor: the page background around the card; labelColor: text drawn on it. */
  backgroundColor?: string;
  textColor?: string;
  /** criticalIndicatorColor: required-field marks, destructive buttons. */
  dangerColor?: string;
  /** CSS font-family list for the whole page. */
  fontFamily?: string;
  /** Stylesheet that defines fontFamily: same-origin, or https on BRANDING_FONT_HOSTS. */
  fontUrl?: string;
  termsUrl?: string;
  privacyUrl?: string;
}

type BrandingColor = {
  [K in keyof PageBrandingOverrides]-?: K extends `${string}Color` ? K : never;
}[keyof PageBrandingOverrides];

/**
 * The CSS custom property each color sets on the page's wrapper (app/globals.css maps them to the
 * Tailwind colors; the secondary and border ones fall back to the default tokens when unset).
 */
export const BRANDING_COLOR_VARIABLES: Record<BrandingColor, `--${string}`> = {
  brandColor: '--brand',
  brandForegroundColor: '--brand-foreground',
  brandBorderColor: '--brand-border',
  secondaryColor: '--secondary',
  secondaryForegroundColor: '--secondary-foreground',
  secondaryBorderColor: '--secondary-border',
  backgroundColor: '--org-layout',
  textColor: '--org-label',
  dangerColor: '--danger',
};

/**
 * The validated CSS custom properties of a page's branding (colors and the font family). Values
 * reach CSS only this way, never as raw declarations; anything that fails its guard is left out.
 */
export function brandingCssVariables(branding: PageBrandingOverrides): Record<`--${string}`, string> {
  const variables: Record<`--${string}`, string> = {};
  for (const [field, variable] of Object.entries(BRANDING_COLOR_VARIABLES) as [BrandingColor, `--${string}`][]) {
    const color = safeCssColor(branding[field]);
    if (color) variables[variable] = color;
  }
  const fontFamily = safeFontFamily(branding.fontFamily);
  if (fontFamily) variables['--org-font'] = fontFamily;
  return variables;
}

export interface RequestBranding {
  page: PageBrandingOverrides;
  email: EmailBranding;
}

type OrgBrandingRow = {
  name: string;
  companyLogoUrl: string;
  companyEmailLogoUrl: string;
  fontFamily: string;
  fontUrl: string;
  layoutColor: string;
  labelColor: string;
  primaryButtonColor: string;
  primaryButtonLabelColor: string;
  primaryButtonBorderColor: string;
  secondaryButtonColor: string;
  secondaryButtonLabelColor: string;
  secondaryButtonBorderColor: string;
  criticalIndicatorColor: string;
  emailSenderName: string;
  termsLink: string;
  privacyPolicyLink: string;
};

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

/** The validated page overrides of one org row (pure; exported for tests). */
export function pageBrandingOf(org: OrgBrandingRow, fontHosts: readonly string[] = config().brandingFontHosts): PageBrandingOverrides {
  const fontFamily = safeFontFamily(org.fontFamily);
  return compact({
    name: org.name.trim() || undefined,
    logoUrl: safeHttpUrl(org.companyLogoUrl),
    brandColor: safeCssColor(org.primaryButtonColor),
    brandForegroundColor: safeCssColor(org.primaryButtonLabelColor),
    brandBorderColor: safeCssColor(org.primaryButtonBorderColor),
    secondaryColor: safeCssColor(org.secondaryButtonColor),
    secondaryForegroundColor: safeCssColor(org.secondaryButtonLabelColor),
    secondaryBorderColor: safeCssColor(org.secondaryButtonBorderColor),
    backgroundColor: safeCssColor(org.layoutColor),
    textColor: safeCssColor(org.labelColor),
    dangerColor: safeCssColor(org.criticalIndicatorColor),
    fontFamily,
    // A stylesheet without its family would load for nothing.
    fontUrl: fontFamily ? safeFontUrl(org.fontUrl, fontHosts) : undefined,
    termsUrl: safeHttpUrl(org.termsLink),
    privacyUrl: safeHttpUrl(org.privacyPolicyLink),
  });
}

const NONE: RequestBranding = { page: {}, email: {} };

/** The org that brands a request with this `org` slug, or null (deployment branding). */
export async function findBrandingOrg(orgSlug: string | null | undefined) {
  if (!orgSlug || !config().enableOrg) return null;
  const org = await db.org.findUnique({ where: { slug: orgSlug } });
  if (!org || !(org.allowPublicRegistration || org.onlyUseForBrandingOverride)) return null;
  return org;
}

/** Page and email branding overrides for a request's `org` slug ({} when none applies). */
export async function brandingForOrgSlug(orgSlug: string | null | undefined): Promise<RequestBranding> {
  const org = await findBrandingOrg(orgSlug);
  if (!org) return NONE;
  // emailBrandingFromOrg passes raw values: sendEmail validates them (resolveEmailBranding).
  return { page: pageBrandingOf(org), email: emailBrandingFromOrg(org) };
}
