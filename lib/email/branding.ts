import { config } from '@/lib/config';
import { safeCssColor, safeHttpUrl } from '@/lib/ui/safe-values';

/**
 * Branding of one email: the deployment's values (COMPANY_EMAIL_LOGO_URL, EMAIL_SENDER_NAME),
 * overridden per org by the caller (see emailBrandingFromOrg). Every field is optional; invalid
 * values are dropped and the defaults used, never "repaired".
 */
export interface EmailBranding {
  /** Display name of the From address and the {appName} of subjects and footers. */
  senderName?: string;
  /** Absolute http(s) URL of the logo (or a path on this server, made absolute with AUTH_SERVER_URL). */
  logoUrl?: string;
  /** Button background (hex or functional CSS color). */
  primaryColor?: string;
  /** Button label color. */
  primaryTextColor?: string;
  /** Page background around the card. */
  backgroundColor?: string;
  /** Body text color. */
  textColor?: string;
}

export interface ResolvedEmailBranding {
  senderName: string;
  logoUrl?: string;
  primaryColor: string;
  primaryTextColor: string;
  backgroundColor: string;
  textColor: string;
}

export const DEFAULT_EMAIL_COLORS = {
  primaryColor: '#18181b',
  primaryTextColor: '#ffffff',
  backgroundColor: '#f4f4f5',
  textColor: '#18181b',
} as const;

/** The email branding fields of an org row (Melody Auth's org branding columns). Empty = not overridden. */
export interface OrgEmailBrandingFields {
  companyEmailLogoUrl?: string | null;
  emailSenderName?: string | null;
  primaryButtonColor?: string | null;
  primaryButtonLabelColor?: string | null;
  layoutColor?: string | null;
  labelColor?: string | null;
}

/** An org's overrides, to pass as `sendEmail({ branding })`. */
export function emailBrandingFromOrg(org: OrgEmailBrandingFields): EmailBranding {
  const pick = (value: string | null | undefined) => (value && value.trim() ? value.trim() : undefined);
  return {
    senderName: pick(org.emailSenderName),
    logoUrl: pick(org.companyEmailLogoUrl),
    primaryColor: pick(org.primaryButtonColor),
    primaryTextColor: pick(org.primaryButtonLabelColor),
    backgroundColor: pick(org.layoutColor),
    textColor: pick(org.labelColor),
  };
}

/** A display name safe for a mail header: no control characters (header injection), bounded length. */
export function cleanSenderName(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const cleaned = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return cleaned ? cleaned.slice(0, 100) : undefined;
}

/** Absolute http(s) URL for an email (mail clients cannot resolve relative URLs), else undefined. */
export function absoluteHttpUrl(value: string | null | undefined): string | undefined {
  const safe = safeHttpUrl(value);
  if (!safe) return undefined;
  if (safe.startsWith('/')) return safeHttpUrl(`${config().authServerUrl}${safe}`);
  return safe;
}

export function resolveEmailBranding(override: EmailBranding = {}): ResolvedEmailBranding {
  const { branding } = config();
  return {
    senderName: cleanSenderName(override.senderName) ?? cleanSenderName(branding.emailSenderName) ?? 'Tessera Auth',
    logoUrl: absoluteHttpUrl(override.logoUrl) ?? absoluteHttpUrl(branding.companyEmailLogoUrl),
    primaryColor: safeCssColor(override.primaryColor) ?? DEFAULT_EMAIL_COLORS.primaryColor,
    primaryTextColor: safeCssColor(override.primaryTextColor) ?? DEFAULT_EMAIL_COLORS.primaryTextColor,
    backgroundColor: safeCssColor(override.backgroundColor) ?? DEFAULT_EMAIL_COLORS.backgroundColor,
    textColor: safeCssColor(override.textColor) ?? DEFAULT_EMAIL_COLORS.textColor,
  };
}
