import { z } from 'zod';
import { SUPPORTED_LOCALES } from './locales';

// Every environment variable the server reads, with Melody Auth's names and defaults where
// Melody has the variable. Parsed once; a bad value stops start-up with the variable's name.

const TRUE = ['true', '1', 'yes', 'on'];
const FALSE = ['false', '0', 'no', 'off'];

const flag = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      const normalized = value.trim().toLowerCase();
      if (TRUE.includes(normalized)) return true;
      if (FALSE.includes(normalized)) return false;
      ctx.addIssue({ code: 'custom', message: `expected true or false, got "${value}"` });
      return z.NEVER;
    });

const seconds = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < 0) {
        ctx.addIssue({ code: 'custom', message: `expected a whole number of seconds, got "${value}"` });
        return z.NEVER;
      }
      return parsed;
    });

// Lists are accepted as a JSON array (Melody's wrangler.toml style) or comma-separated.
const list = (fallback: string[]) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      const trimmed = value.trim();
      if (trimmed.startsWith('[')) {
        try {
          const parsed: unknown = JSON.parse(trimmed);
          if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) {
            return parsed.map((item) => item.trim()).filter(Boolean);
          }
        } catch {
          // reported below
        }
        ctx.addIssue({ code: 'custom', message: 'expected a JSON array of strings or a comma-separated list' });
        return z.NEVER;
      }
      return trimmed
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
    });

// A count such as a threshold (0 usually disables the check).
const wholeNumber = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < 0) {
        ctx.addIssue({ code: 'custom', message: `expected a whole number (0 disables), got "${value}"` });
        return z.NEVER;
      }
      return parsed;
    });

const optionalText = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined ? fallback : value.trim()));

const optionalUrl = (fallback: string) =>
  optionalText(fallback).refine((value) => value === '' || isHttpUrl(value), {
    message: 'expected an http(s) URL',
  });

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function isOrigin(value: string): boolean {
  return isHttpUrl(value) && new URL(value).origin === value;
}

/** A flag whose default depends on other variables: undefined when unset. */
const optionalFlag = () =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return undefined;
      const normalized = value.trim().toLowerCase();
      if (TRUE.includes(normalized)) return true;
      if (FALSE.includes(normalized)) return false;
      ctx.addIssue({ code: 'custom', message: `expected true or false, got "${value}"` });
      return z.NEVER;
    });

/** Melody's EMAIL_PROVIDER_NAME values. */
export const EMAIL_PROVIDER_NAMES = ['smtp', 'sendgrid', 'mailgun', 'brevo', 'resend', 'postmark'] as const;

/** SIGNING_ALGORITHM values: JWS algorithms of the signing keys (RS256 is Melody's and the default). */
export const SIGNING_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

/** LOG_LEVEL values (Melody's), from quietest to most verbose. */
export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;

/** A shared secret sent as a Bearer token: unset, or at least 16 characters. */
const secretToken = () =>
  optionalText('').refine((value) => value === '' || (value.length >= 16 && /^[\x21-\x7e]+$/.test(value)), {
    message: 'expected at least 16 printable characters without spaces (for example: openssl rand -hex 32)',
  });

/** E.164: "+", then 8 to 15 digits, the first not 0. */
export const E164_PHONE = /^\+[1-9]\d{7,14}$/;
const EMAIL_ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+$/;

const optionalEmail = () =>
  optionalText('').refine((value) => value === '' || EMAIL_ADDRESS.test(value), { message: 'expected an email address' });

const optionalPhone = () =>
  optionalText('').refine((value) => value === '' || E164_PHONE.test(value), {
    message: 'expected an E.164 phone number such as +15551234567',
  });

// smtp://user:password@host:port (STARTTLS when offered) or smtps://… (TLS from the start). The value
// holds a password: messages never repeat it.
function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

// Every locale with a complete catalog; SUPPORTED_LOCALES picks the deployment's subset.
export const KNOWN_LOCALES = SUPPORTED_LOCALES;

/**
 * Values of the /authorize `policy` parameter (Melody's names; delete_account and manage_sessions
 * are Tessera's). Every one but sign_in_or_sign_up is a page after sign-in (lib/identity/policies).
 */
export const KNOWN_POLICIES = [
  'sign_in_or_sign_up',
  'update_info',
  'change_password',
  'change_email',
  'change_org',
  'delete_account',
  'manage_sessions',
  'reset_mfa',
  'manage_passkey',
  'manage_recovery_code',
] as const;

/** MFA factors (ENFORCE_ONE_MFA_ENROLLMENT). */
export const MFA_FACTORS = ['otp', 'email', 'sms'] as const;

/** A DNS host name (BRANDING_FONT_HOSTS): letters, digits, hyphens and dots, no port or scheme. */
export const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

export const envSchema = z.object({
  ENVIRONMENT: z.enum(['dev', 'prod']).optional(),
  VERCEL: z.string().optional(),
  AUTH_SERVER_URL: z.string().optional(),
  PORT: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return 3000;
      const port = Number(value);
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        ctx.addIssue({ code: 'custom', message: `expected a TCP port, got "${value}"` });
        return z.NEVER;
      }
      return port;
    }),
  HOSTNAME: optionalText('localhost'),
  DATA_DIR: optionalText('.data'),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((value) => value === undefined || value === '' || /^postgres(ql)?:\/\//.test(value), {
      message: 'expected a postgres:// or postgresql:// connection string',
    }),
  // Tessera: the direct (unpooled) connection migrations use when DATABASE_URL goes through a
  // pooler (PgBouncer, Prisma Accelerate, Supabase's pooler), which breaks migration locks.
  DIRECT_DATABASE_URL: z
    .string()
    .optional()
    .refine((value) => value === undefined || value === '' || /^postgres(ql)?:\/\//.test(value), {
      message: 'expected a postgres:// or postgresql:// connection string',
    }),
  REDIS_URL: z
    .string()
    .optional()
    .refine((value) => value === undefined || value.trim() === '' || /^rediss?:\/\/\S+$/.test(value.trim()), {
      message: 'expected a redis:// or rediss:// connection string',
    }),
  REDIS_KEY_PREFIX: optionalText('tessera:').refine((value) => !/\s/.test(value) && value.length <= 64, {
    message: 'expected at most 64 characters without spaces',
  }),
  SECRET_KEY: z
    .string()
    .optional()
    .refine((value) => value === undefined || value === '' || value.length >= 32, {
      message: 'must be at least 32 characters (for example: openssl rand -hex 32)',
    }),
  // Algorithm of the keys that sign access tokens and (unless an app chooses another) ID tokens.
  SIGNING_ALGORITHM: optionalText('RS256').refine((value) => value === '' || (SIGNING_ALGORITHMS as readonly string[]).includes(value), {
    message: `expected one of ${SIGNING_ALGORITHMS.join(', ')}`,
  }),
  TRUSTED_PROXY_HEADER: optionalText('').refine((value) => value === '' || /^[A-Za-z0-9-]+$/.test(value), {
    message: 'expected an HTTP header name such as x-forwarded-for',
  }),
  ADMIN_EMAIL: optionalText('admin@localhost').refine((value) => /^[^\s@]+@[^\s@]+$/.test(value), {
    message: 'expected an email address',
  }),

  COMPANY_LOGO_URL: optionalUrl(''),
  COMPANY_EMAIL_LOGO_URL: optionalUrl(''),
  EMAIL_SENDER_NAME: optionalText('Tessera Auth'),
  TERMS_LINK: optionalUrl(''),
  PRIVACY_POLICY_LINK: optionalUrl(''),

  // Email and SMS delivery (lib/email, lib/sms). Credentials are never repeated in error messages.
  SMTP_CONNECTION_STRING: z
    .string()
    .optional()
    .refine((value) => value === undefined || value.trim() === '' || isSmtpUrl(value.trim()), {
      message: 'expected smtp://user:password@host:port or smtps://user:password@host:port',
    }),
  SMTP_SENDER_ADDRESS: optionalEmail(),
  // Melody's email provider choice (lib/config/email-provider.ts): unset → SMTP when configured,
  // else the first configured of SendGrid, Mailgun, Brevo, Resend, Postmark.
  EMAIL_PROVIDER_NAME: optionalText('').refine((value) => value === '' || (EMAIL_PROVIDER_NAMES as readonly string[]).includes(value), {
    message: `expected one of ${EMAIL_PROVIDER_NAMES.join(', ')}`,
  }),
  SENDGRID_API_KEY: optionalText(''),
  SENDGRID_SENDER_ADDRESS: optionalEmail(),
  MAILGUN_API_KEY: optionalText(''),
  MAILGUN_SENDER_ADDRESS: optionalEmail(),
  BREVO_API_KEY: optionalText(''),
  BREVO_SENDER_ADDRESS: optionalEmail(),
  RESEND_API_KEY: optionalText(''),
  RESEND_SENDER_ADDRESS: optionalEmail(),
  POSTMARK_API_KEY: optionalText(''),
  POSTMARK_SENDER_ADDRESS: optionalEmail(),
  TWILIO_ACCOUNT_ID: optionalText('').refine((value) => value === '' || /^AC[0-9a-fA-F]{32}$/.test(value), {
    message: 'expected a Twilio account SID (AC followed by 32 hex characters)',
  }),
  TWILIO_AUTH_TOKEN: optionalText(''),
  TWILIO_SENDER_NUMBER: optionalPhone(),
  // Capture every email and SMS in the database (shown at /dev/outbox) instead of sending it.
  // Default: on when ENVIRONMENT=dev and AUTH_SERVER_URL is a loopback URL, off otherwise.
  DEV_OUTBOX: optionalFlag(),
  // ENVIRONMENT=dev: real transports deliver to these instead of the real recipients (when set).
  DEV_EMAIL_RECEIVER: optionalEmail(),
  DEV_SMS_RECEIVER: optionalPhone(),
  // Events and webhooks (lib/events, lib/webhooks). process: the server delivers webhooks itself
  // (a timer in each instance); cron: only GET /api/cron/events does (Vercel Cron, CRON_SECRET);
  // off: nothing delivers (events are still recorded). Default: cron on Vercel, else process.
  EVENT_DISPATCH: z.enum(['process', 'cron', 'off']).optional(),
  WEBHOOK_DISABLE_AFTER_FAILURES: wholeNumber(15),
  // HTTP pre-hooks (lib/hooks/pre-hooks.ts): a receiver per hook point, signed like webhooks.
  HOOK_BEFORE_SIGN_UP_URL: optionalUrl(''),
  HOOK_BEFORE_SIGN_IN_URL: optionalUrl(''),
  HOOK_BEFORE_TOKEN_ISSUED_URL: optionalUrl(''),
  HOOK_BEFORE_USER_UPDATE_URL: optionalUrl(''),
  HOOK_SECRET: optionalText('').refine((value) => value === '' || /^whsec_[A-Za-z0-9+/]{32,}={0,2}$/.test(value), {
    message: 'expected a Standard Webhooks secret: whsec_ and at least 24 base64-encoded random bytes',
  }),
  HOOK_TIMEOUT_MS: wholeNumber(3_000),
  HOOK_FAILURE_MODE: z.enum(['open', 'closed']).default('closed'),
  ENABLE_EMAIL_LOG: flag(false),
  ENABLE_SMS_LOG: flag(false),
  // Melody's default is false; on here because the dashboard's activity charts and the Logs page
  // are built from it. Off: no sign-in is recorded (no IP or user agent kept).
  ENABLE_SIGN_IN_LOG: flag(true),

  SUPPORTED_LOCALES: list([...KNOWN_LOCALES]).refine(
    (locales) => locales.length > 0 && locales.every((locale) => (KNOWN_LOCALES as readonly string[]).includes(locale)),
    { message: `each locale must be one of ${KNOWN_LOCALES.join(', ')}` },
  ),
  ENABLE_LOCALE_SELECTOR: flag(true),

  ENABLE_SIGN_UP: flag(true),
  ENABLE_PASSWORD_SIGN_IN: flag(true),
  ENABLE_PASSWORD_RESET: flag(true),
  ENABLE_NAMES: flag(true),
  NAMES_IS_REQUIRED: flag(false),
  ENABLE_USER_APP_CONSENT: flag(true),
  ENABLE_EMAIL_VERIFICATION: flag(true),
  // Melody: with ENABLE_EMAIL_VERIFICATION, sign-up sends a welcome email instead of a code (no
  // verification then).
  REPLACE_EMAIL_VERIFICATION_WITH_WELCOME_EMAIL: flag(false),
  // Tessera only: when an unverified email blocks sign-in (lib/identity/email-verification).
  // none: never asked; lazy (default): asked after sign-in, skippable for
  // EMAIL_VERIFICATION_GRACE_PERIOD seconds after the account was created, then required;
  // strict: required before any code is issued. ENABLE_EMAIL_VERIFICATION=false means none.
  EMAIL_VERIFICATION_MODE: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const mode = value?.trim().toLowerCase() || undefined;
      if (mode === undefined || mode === 'none' || mode === 'lazy' || mode === 'strict') return mode;
      ctx.addIssue({ code: 'custom', message: `expected none, lazy or strict, got "${value}"` });
      return z.NEVER;
    }),
  EMAIL_VERIFICATION_GRACE_PERIOD: seconds(604800),
  // Melody: email-only sign-in with a 6-digit code (or a link); forces sign-up, password sign-in
  // and password reset off.
  ENABLE_PASSWORDLESS_SIGN_IN: flag(false),
  USE_PASSWORDLESS_AS_MAGIC_LINK: flag(false),
  ENABLE_PLAIN_PKCE_METHOD: flag(false),
  // Melody's feature gates of S2S API resources (off by default, as in Melody).
  ENABLE_APP_BANNER: flag(false),
  ENABLE_SAML_SSO_AS_SP: flag(false),
  ENABLE_ORG: flag(false),
  ENABLE_USER_ATTRIBUTE: flag(false),
  // Hosted pages and policies (lib/identity/policies): the org choice after sign-in, and policies
  // that /authorize refuses (Melody's names; Melody's docs default to none).
  ALLOW_USER_SWITCH_ORG_ON_SIGN_IN: flag(false),
  BLOCKED_POLICIES: list([]).refine(
    (policies) => policies.every((policy) => (KNOWN_POLICIES as readonly string[]).includes(policy) && policy !== 'sign_in_or_sign_up'),
    { message: `each policy must be one of ${KNOWN_POLICIES.filter((policy) => policy !== 'sign_in_or_sign_up').join(', ')}` },
  ),
  // Tessera only: hosts an org's fontUrl may load a stylesheet and font files from (https), added
  // to the pages' CSP. Empty: only same-origin font URLs ("/fonts/…").
  BRANDING_FONT_HOSTS: list([]).refine((hosts) => hosts.every((host) => HOST_NAME.test(host)), {
    message: 'expected host names such as fonts.googleapis.com (no scheme, port or path)',
  }),

  // MFA (lib/mfa; Melody's names). ENFORCE_ONE_MFA_ENROLLMENT is Tessera's default [] (Melody:
  // otp,email) so that a deployment asks for MFA only once it is configured to.
  OTP_MFA_IS_REQUIRED: flag(false),
  EMAIL_MFA_IS_REQUIRED: flag(false),
  SMS_MFA_IS_REQUIRED: flag(false),
  ENFORCE_ONE_MFA_ENROLLMENT: list([]).pipe(z.array(z.enum(MFA_FACTORS))),
  ALLOW_EMAIL_MFA_AS_BACKUP: flag(true),
  ENABLE_MFA_REMEMBER_DEVICE: flag(false),

  // Passkeys and recovery codes (lib/passkeys, lib/recovery-codes; Melody's names, off by default).
  // Passkeys are checked against AUTH_SERVER_URL's origin and these extra origins (the embedded
  // SDK's pages).
  ALLOW_PASSKEY_ENROLLMENT: flag(false),
  ENABLE_RECOVERY_CODE: flag(false),
  EMBEDDED_AUTH_ORIGINS: list([]).refine((origins) => origins.every(isOrigin), {
    message: 'expected origins such as https://app.example.com (scheme, host and port only)',
  }),

  // Tessera: accounts created by an external identity provider also get the local MFA rules
  // (Melody: they always skip them).
  EXTERNAL_ACCOUNTS_REQUIRE_MFA: flag(false),

  AUTHORIZATION_CODE_EXPIRES_IN: seconds(300),
  SPA_ACCESS_TOKEN_EXPIRES_IN: seconds(1800),
  SPA_REFRESH_TOKEN_EXPIRES_IN: seconds(604800),
  S2S_ACCESS_TOKEN_EXPIRES_IN: seconds(3600),
  ID_TOKEN_EXPIRES_IN: seconds(1800),
  SERVER_SESSION_EXPIRES_IN: seconds(1800),
  // Tessera (issue 12 item 7): how old a sign-in may be for the policies that change credentials or sessions.
  SENSITIVE_ACTION_MAX_AGE: seconds(300),

  // Brute-force protection (Melody Auth's names and defaults; 0 disables each threshold).
  ACCOUNT_LOCKOUT_THRESHOLD: wholeNumber(5),
  ACCOUNT_LOCKOUT_EXPIRES_IN: seconds(86400),
  UNLOCK_ACCOUNT_VIA_PASSWORD_RESET: flag(true),
  PASSWORD_RESET_EMAIL_THRESHOLD: wholeNumber(5),
  PASSWORD_RESET_CODE_THRESHOLD: wholeNumber(5),
  EMAIL_MFA_EMAIL_THRESHOLD: wholeNumber(10),
  SMS_MFA_MESSAGE_THRESHOLD: wholeNumber(5),
  CHANGE_EMAIL_EMAIL_THRESHOLD: wholeNumber(5),
  CHANGE_EMAIL_CODE_THRESHOLD: wholeNumber(5),
  EMAIL_VERIFICATION_CODE_THRESHOLD: wholeNumber(5),
  // Tessera only: verification emails one account may ask for per 30 minutes (resend button).
  EMAIL_VERIFICATION_EMAIL_THRESHOLD: wholeNumber(5),
  MFA_CODE_VERIFY_THRESHOLD: wholeNumber(10),
  AUTH_CODE_VERIFIER_THRESHOLD: wholeNumber(0),
  // Tessera only: emails + SMS one client IP may trigger per hour (needs TRUSTED_PROXY_HEADER).
  IP_SEND_THRESHOLD: wholeNumber(50),
  // Tessera (issue 12 item 15): authorization requests one client IP may open per minute without a
  // usable SSO session (each one is a row until it expires); 0 turns the limit off.
  AUTHORIZE_IP_THRESHOLD: wholeNumber(300),
  // Tessera (issue 12 item 10, SMS toll fraud): SMS per number per day, per account per day, per
  // hour for the whole deployment; the country calling codes SMS may go to (empty: all).
  SMS_NUMBER_THRESHOLD: wholeNumber(10),
  SMS_ACCOUNT_THRESHOLD: wholeNumber(10),
  SMS_HOURLY_THRESHOLD: wholeNumber(100),
  SMS_ALLOWED_COUNTRY_CODES: list([]).refine((codes) => codes.every((code) => /^\+?[1-9]\d{0,3}$/.test(code)), {
    message: 'expected country calling codes such as 1,44,33 (1 to 4 digits, + optional)',
  }),

  // Operations (lib/observability, lib/cleanup). LOG_LEVEL is Melody's name and levels.
  LOG_LEVEL: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const level = value?.trim().toLowerCase() || 'info';
      if ((LOG_LEVELS as readonly string[]).includes(level)) return level as (typeof LOG_LEVELS)[number];
      ctx.addIssue({ code: 'custom', message: `expected one of ${LOG_LEVELS.join(', ')}, got "${value}"` });
      return z.NEVER;
    }),
  // Bearer token of GET /metrics (Prometheus); unset: /metrics answers 404.
  METRICS_TOKEN: secretToken(),
  // Bearer token of GET /api/cron/cleanup (Vercel Cron sends it as Authorization: Bearer …); unset: 404.
  CRON_SECRET: secretToken(),
  // Seconds between in-process cleanup runs on a Node server (0: off; Vercel uses the cron route).
  CLEANUP_INTERVAL: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return undefined;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || (parsed !== 0 && parsed < 60)) {
        ctx.addIssue({ code: 'custom', message: `expected 0 (off) or a whole number of seconds >= 60, got "${value}"` });
        return z.NEVER;
      }
      return parsed;
    }),
  // Days a log row is kept before the cleanup job deletes it (0: forever).
  SIGN_IN_LOG_RETENTION_DAYS: wholeNumber(90),
  EMAIL_LOG_RETENTION_DAYS: wholeNumber(30),
  SMS_LOG_RETENTION_DAYS: wholeNumber(30),
  AUDIT_LOG_RETENTION_DAYS: wholeNumber(365),
  // OpenTelemetry (instrumentation.ts): traces are exported over OTLP/HTTP when set.
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl(''),
  OTEL_SERVICE_NAME: optionalText('tessera-auth'),
});

export type RawEnv = z.input<typeof envSchema>;
