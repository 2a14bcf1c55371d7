import type { createTranslator } from 'next-intl';
import type { Messages } from '@/lib/i18n/request';
import { absoluteHttpUrl } from './branding';
import type { EmailBlock } from './html';

/** Optional greeting by name ("Hello Ada,"). */
interface Named {
  name?: string | null;
}

/** Lifetime of the code or link in seconds; shown as minutes, hours or days. */
interface Expiring {
  expiresIn?: number;
}

/**
 * Every email template and its data. Codes are the one-time codes the flows generated (usually
 * 6 digits); links are absolute http(s) URLs or paths on this server ("/identity/v1/…", made
 * absolute with AUTH_SERVER_URL). All values are escaped when rendered.
 */
export interface EmailTemplateData {
  /** Sign-up / email verification: code plus a one-click link. */
  email_verification: Named & Expiring & { code: string; link: string };
  /** unverified: the account's address was never verified, so the reset removes every credential set up meanwhile (issue 12 item 2). */
  password_reset: Named & Expiring & { code: string; unverified?: boolean };
  passwordless_code: Named & Expiring & { code: string };
  magic_link: Named & Expiring & { link: string };
  email_mfa_code: Named & Expiring & { code: string };
  /** Sent to the NEW address. */
  change_email_code: Named & Expiring & { code: string };
  /** Sent to the OLD address once the change is done. */
  change_email_notice: Named & { newEmail: string };
  /** orgName: "join {orgName} on {appName}" when set. */
  invitation: Named & Expiring & { link: string; orgName?: string | null };
  /** link: where "Get started" goes (optional). */
  welcome: Named & { link?: string | null };
}

export type EmailTemplate = keyof EmailTemplateData;

export const EMAIL_TEMPLATES = [
  'email_verification',
  'password_reset',
  'passwordless_code',
  'magic_link',
  'email_mfa_code',
  'change_email_code',
  'change_email_notice',
  'invitation',
  'welcome',
] as const satisfies readonly EmailTemplate[];

// Compile-time check that the list above names every template.
type Missing = Exclude<EmailTemplate, (typeof EMAIL_TEMPLATES)[number]>;
const allListed: [Missing] extends [never] ? true : Missing = true;
void allListed;

export function isEmailTemplate(value: unknown): value is EmailTemplate {
  return typeof value === 'string' && (EMAIL_TEMPLATES as readonly string[]).includes(value);
}

export type EmailTranslator = ReturnType<typeof createTranslator<Messages, 'emails'>>;

export interface TemplateContent {
  subject: string;
  blocks: EmailBlock[];
}

interface Context<K extends EmailTemplate> {
  t: EmailTranslator;
  data: EmailTemplateData[K];
  appName: string;
}

function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`Email template data: "${field}" must be a non-empty string`);
  }
  return value.trim();
}

function requireLink(value: unknown, field: string): string {
  const url = absoluteHttpUrl(requireText(value, field));
  if (!url) throw new TypeError(`Email template data: "${field}" must be an http(s) URL or a path on this server`);
  return url;
}

function greeting(t: EmailTranslator, name: string | null | undefined): EmailBlock {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  return { kind: 'paragraph', text: trimmed ? t('layout.greeting', { name: trimmed }) : t('layout.greetingAnonymous') };
}

function expiry(t: EmailTranslator, seconds: number | undefined): EmailBlock[] {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return [];
  if (seconds % 86400 === 0) return [{ kind: 'note', text: t('layout.expiresInDays', { count: seconds / 86400 }) }];
  if (seconds % 3600 === 0) return [{ kind: 'note', text: t('layout.expiresInHours', { count: seconds / 3600 }) }];
  return [{ kind: 'note', text: t('layout.expiresInMinutes', { count: Math.ceil(seconds / 60) }) }];
}

function buttonWithFallback(t: EmailTranslator, label: string, href: string): EmailBlock[] {
  return [
    { kind: 'button', label, href },
    { kind: 'link', intro: t('layout.linkFallback'), href },
  ];
}

const code = (value: unknown): EmailBlock => ({ kind: 'code', code: requireText(value, 'code') });
const ignore = (t: EmailTranslator): EmailBlock => ({ kind: 'note', text: t('layout.ignore') });

type Builders = { [K in EmailTemplate]: (context: Context<K>) => TemplateContent };

const builders: Builders = {
  email_verification: ({ t, data, appName }) => ({
    subject: t('email_verification.subject', { appName }),
    blocks: [
      { kind: 'heading', text: t('email_verification.heading') },
      greeting(t, data.name),
      { kind: 'paragraph', text: t('email_verification.intro') },
      code(data.code),
      { kind: 'paragraph', text: t('email_verification.linkIntro') },
      ...buttonWithFallback(t, t('email_verification.button'), requireLink(data.link, 'link')),
      ...expiry(t, data.expiresIn),
      ignore(t),
    ],
  }),
  password_reset: ({ t, data, appName }) => ({
    subject: t('password_reset.subject', { appName }),
    blocks: [
      { kind: 'heading', text: t('password_reset.heading') },
      greeting(t, data.name),
      { kind: 'paragraph', text: t('password_reset.intro') },
      code(data.code),
      ...(data.unverified ? [{ kind: 'paragraph' as const, text: t('password_reset.unverified') }] : []),
      ...expiry(t, data.expiresIn),
      ignore(t),
    ],
  }),
  passwordless_code: ({ t, data, appName }) => ({
    subject: t('passwordless_code.subject', { appName }),
    blocks: [
      { kind: 'heading', text: t('passwordless_code.heading', { appName }) },
      greeting(t, data.name),
      { kind: 'paragraph', text: t('passwordless_code.intro') },
      code(data.code),
      ...expiry(t, data.expiresIn),
      ignore(t),
    ],
  }),
  magic_link: ({ t, data, appName }) => ({
    subject: t('magic_link.subject', { appName }),
    blocks: [
      { kind: 'heading', text: t('magic_link.heading', { appName }) },
      greeting(t, data.name),
      { kind: 'paragraph', text: t('magic_link.intro') },
      ...buttonWithFallback(t, t('magic_link.button'), requireLink(data.link, 'link')),
      ...expiry(t, data.expiresIn),
      ignore(t),
    ],
  }),
  email_mfa_code: ({ t, data, appName }) => ({
    subject: t('email_mfa_code.subject', { appName }),
    blocks: [
      { kind: 'heading', text: t('email_mfa_code.heading') },
      greeting(t, data.name),
      { kind: 'paragraph', text: t('email_mfa_code.intro') },
      code(data.code),
      ...expiry(t, data.expiresIn),
      ignore(t),
    ],
  }),
  change_email_code: ({ t, data, appName }) => ({
    subject: t('change_email_code.subject', { appName }),
    blocks: [
      { kind: 'heading', text: t('change_email_code.heading') },
      greeting(t, data.name),
      { kind: 'paragraph', text: t('change_email_code.intro') },
      code(data.code),
      ...expiry(t, data.expiresIn),
      ignore(t),
    ],
  }),
  change_email_notice: ({ t, data, appName }) => ({
    subject: t('change_email_notice.subject', { appName }),
    blocks: [
      { kind: 'heading', text: t('change_email_notice.heading') },
      greeting(t, data.name),
      { kind: 'paragraph', text: t('change_email_notice.intro', { newEmail: requireText(data.newEmail, 'newEmail') }) },
      { kind: 'paragraph', text: t('change_email_notice.warning') },
    ],
  }),
  invitation: ({ t, data, appName }) => {
    const orgName = typeof data.orgName === 'string' && data.orgName.trim() ? data.orgName.trim() : undefined;
    return {
      subject: orgName ? t('invitation.subjectOrg', { appName, orgName }) : t('invitation.subject', { appName }),
      blocks: [
        { kind: 'heading', text: t('invitation.heading') },
        greeting(t, data.name),
        { kind: 'paragraph', text: orgName ? t('invitation.introOrg', { appName, orgName }) : t('invitation.intro', { appName }) },
        ...buttonWithFallback(t, t('invitation.button'), requireLink(data.link, 'link')),
        ...expiry(t, data.expiresIn),
        { kind: 'note', text: t('invitation.ignore') },
      ],
    };
  },
  welcome: ({ t, data, appName }) => ({
    subject: t('welcome.subject', { appName }),
    blocks: [
      { kind: 'heading', text: t('welcome.heading', { appName }) },
      greeting(t, data.name),
      { kind: 'paragraph', text: t('welcome.intro') },
      ...(data.link ? [{ kind: 'button', label: t('welcome.button'), href: requireLink(data.link, 'link') } as const] : []),
    ],
  }),
};

export function buildTemplate<K extends EmailTemplate>(template: K, context: Context<K>): TemplateContent {
  const build = builders[template] as (context: Context<K>) => TemplateContent;
  if (!build) throw new TypeError(`Unknown email template "${String(template)}"`);
  return build(context);
}

/** Values of a template's data that are secrets (codes, links with tokens): redacted in logs. */
export function templateSecrets(data: object): string[] {
  const record = data as Record<string, unknown>;
  return ['code', 'link'].flatMap((field) => (typeof record[field] === 'string' && record[field] ? [record[field] as string] : []));
}
