import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { emailProviderProblem } from './email-provider';
import { envSchema, EMAIL_PROVIDER_NAMES, type SigningAlgorithm } from './schema';

export { KNOWN_LOCALES, KNOWN_POLICIES, LOG_LEVELS, SIGNING_ALGORITHMS, type SigningAlgorithm } from './schema';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type Config = ReturnType<typeof buildConfig>;

function buildConfig(env: z.output<typeof envSchema>, secretKey: string) {
  const environment = env.ENVIRONMENT ?? (env.VERCEL ? 'prod' : 'dev');
  const authServerUrl = normalizeServerUrl(env.AUTH_SERVER_URL ?? `http://localhost:${env.PORT}`);
  const issuer = authServerUrl;
  const { hostname, protocol, origin } = new URL(authServerUrl);
  return {
    environment,
    isProduction: environment === 'prod',
    authServerUrl,
    issuer,
    serverOrigin: origin,
    // Cookies are Secure whenever the public URL is https; plain http only works on localhost.
    secureCookies: protocol === 'https:',
    webAuthnRpId: hostname,
    port: env.PORT,
    hostname: env.HOSTNAME,
    dataDir: path.resolve(env.DATA_DIR),
    databaseUrl: env.DATABASE_URL || undefined,
    directDatabaseUrl: env.DIRECT_DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL?.trim() || undefined,
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
    secretKey,
    adminEmail: env.ADMIN_EMAIL.toLowerCase(),
    // On Vercel the platform sets x-vercel-forwarded-for to the client's address (clients cannot forge it).
    trustedProxyHeader: env.TRUSTED_PROXY_HEADER.toLowerCase() || (env.VERCEL ? 'x-vercel-forwarded-for' : ''),
    signingAlgorithm: (env.SIGNING_ALGORITHM || 'RS256') as SigningAlgorithm,
    branding: {
      companyLogoUrl: env.COMPANY_LOGO_URL,
      companyEmailLogoUrl: env.COMPANY_EMAIL_LOGO_URL,
      emailSenderName: env.EMAIL_SENDER_NAME,
      termsLink: env.TERMS_LINK,
      privacyPolicyLink: env.PRIVACY_POLICY_LINK,
    },
    // Email and SMS (lib/email, lib/sms)
    smtpConnectionString: env.SMTP_CONNECTION_STRING?.trim() || undefined,
    smtpSenderAddress: env.SMTP_SENDER_ADDRESS,
    emailProviderName: env.EMAIL_PROVIDER_NAME as (typeof EMAIL_PROVIDER_NAMES)[number] | '',
    emailProviders: {
      sendgrid: { apiKey: env.SENDGRID_API_KEY, senderAddress: env.SENDGRID_SENDER_ADDRESS },
      mailgun: { apiKey: env.MAILGUN_API_KEY, senderAddress: env.MAILGUN_SENDER_ADDRESS },
      brevo: { apiKey: env.BREVO_API_KEY, senderAddress: env.BREVO_SENDER_ADDRESS },
      resend: { apiKey: env.RESEND_API_KEY, senderAddress: env.RESEND_SENDER_ADDRESS },
      postmark: { apiKey: env.POSTMARK_API_KEY, senderAddress: env.POSTMARK_SENDER_ADDRESS },
    },
    // Not environment variables: the providers' API roots. Only tests change them
    // (overrideConfigForTesting) to reach local fake servers; keys must never go anywhere else.
    emailProviderBaseUrls: {
      sendgrid: 'https://api.sendgrid.com',
      mailgun: 'https://api.mailgun.net',
      brevo: 'https://api.brevo.com',
      resend: 'https://api.resend.com',
      postmark: 'https://api.postmarkapp.com',
    },
    // Waits before the 2nd and 3rd attempt of an email whose delivery failed for a passing reason
    // (network, time-out, 429, 5xx, SMTP 4xx). Not an environment variable; tests shorten it.
    emailRetryDelaysMs: [1_000, 4_000] as readonly number[],
    twilioAccountId: env.TWILIO_ACCOUNT_ID,
    twilioAuthToken: env.TWILIO_AUTH_TOKEN,
    twilioSenderNumber: env.TWILIO_SENDER_NUMBER,
    // Not an environment variable: only tests change it (overrideConfigForTesting) to reach a
    // local HTTP server; credentials must never be sent anywhere else.
    twilioApiBaseUrl: 'https://api.twilio.com',
    // Issue 12 item 5: the outbox publishes every code and link, so by default only a development
    // server on a loopback URL has it; anything else needs DEV_OUTBOX=true.
    devOutbox: env.DEV_OUTBOX ?? (environment === 'dev' && isLoopbackHost(hostname)),
    devEmailReceiver: env.DEV_EMAIL_RECEIVER,
    devSmsReceiver: env.DEV_SMS_RECEIVER,
    eventDispatch: env.EVENT_DISPATCH ?? (env.VERCEL ? 'cron' : 'process'),
    // Not an environment variable: how often the in-process dispatcher looks for work.
    eventDispatchIntervalMs: 1_000,
    webhookDisableAfterFailures: Math.max(1, env.WEBHOOK_DISABLE_AFTER_FAILURES),
    hookUrls: {
      before_sign_up: env.HOOK_BEFORE_SIGN_UP_URL,
      before_sign_in: env.HOOK_BEFORE_SIGN_IN_URL,
      before_token_issued: env.HOOK_BEFORE_TOKEN_ISSUED_URL,
      before_user_update: env.HOOK_BEFORE_USER_UPDATE_URL,
    },
    hookSecret: env.HOOK_SECRET,
    hookTimeoutMs: Math.max(100, env.HOOK_TIMEOUT_MS),
    hookFailureMode: env.HOOK_FAILURE_MODE,
    enableEmailLog: env.ENABLE_EMAIL_LOG,
    enableSmsLog: env.ENABLE_SMS_LOG,
    enableSignInLog: env.ENABLE_SIGN_IN_LOG,
    supportedLocales: env.SUPPORTED_LOCALES,
    defaultLocale: env.SUPPORTED_LOCALES[0]!,
    enableLocaleSelector: env.ENABLE_LOCALE_SELECTOR,
    // Effective values: ENABLE_PASSWORDLESS_SIGN_IN forces sign-up, password sign-in and reset off (Melody).
    enableSignUp: env.ENABLE_SIGN_UP && !env.ENABLE_PASSWORDLESS_SIGN_IN,
    enablePasswordSignIn: env.ENABLE_PASSWORD_SIGN_IN && !env.ENABLE_PASSWORDLESS_SIGN_IN,
    enablePasswordReset: env.ENABLE_PASSWORD_RESET && !env.ENABLE_PASSWORDLESS_SIGN_IN,
    enablePasswordlessSignIn: env.ENABLE_PASSWORDLESS_SIGN_IN,
    usePasswordlessAsMagicLink: env.USE_PASSWORDLESS_AS_MAGIC_LINK,
    enableNames: env.ENABLE_NAMES,
    namesIsRequired: env.NAMES_IS_REQUIRED,
    enableUserAppConsent: env.ENABLE_USER_APP_CONSENT,
    enableEmailVerification: env.ENABLE_EMAIL_VERIFICATION,
    replaceEmailVerificationWithWelcomeEmail: env.REPLACE_EMAIL_VERIFICATION_WITH_WELCOME_EMAIL,
    emailVerificationMode: emailVerificationMode(env),
    emailVerificationGracePeriod: env.EMAIL_VERIFICATION_GRACE_PERIOD,
    enablePlainPkceMethod: env.ENABLE_PLAIN_PKCE_METHOD,
    enableAppBanner: env.ENABLE_APP_BANNER,
    enableSamlSsoAsSp: env.ENABLE_SAML_SSO_AS_SP,
    enableOrg: env.ENABLE_ORG,
    // Not an environment variable: Melody's code-level `enableOrgGroup` (true). Org groups also
    // need ENABLE_ORG; only tests switch this off (overrideConfigForTesting).
    enableOrgGroup: true as boolean,
    enableUserAttribute: env.ENABLE_USER_ATTRIBUTE,
    allowUserSwitchOrgOnSignIn: env.ALLOW_USER_SWITCH_ORG_ON_SIGN_IN,
    blockedPolicies: env.BLOCKED_POLICIES,
    brandingFontHosts: env.BRANDING_FONT_HOSTS.map((host) => host.toLowerCase()),
    otpMfaIsRequired: env.OTP_MFA_IS_REQUIRED,
    emailMfaIsRequired: env.EMAIL_MFA_IS_REQUIRED,
    smsMfaIsRequired: env.SMS_MFA_IS_REQUIRED,
    enforceOneMfaEnrollment: env.ENFORCE_ONE_MFA_ENROLLMENT,
    allowEmailMfaAsBackup: env.ALLOW_EMAIL_MFA_AS_BACKUP,
    enableMfaRememberDevice: env.ENABLE_MFA_REMEMBER_DEVICE,
    allowPasskeyEnrollment: env.ALLOW_PASSKEY_ENROLLMENT,
    enableRecoveryCode: env.ENABLE_RECOVERY_CODE,
    embeddedAuthOrigins: env.EMBEDDED_AUTH_ORIGINS,
    authorizationCodeExpiresIn: env.AUTHORIZATION_CODE_EXPIRES_IN,
    spaAccessTokenExpiresIn: env.SPA_ACCESS_TOKEN_EXPIRES_IN,
    spaRefreshTokenExpiresIn: env.SPA_REFRESH_TOKEN_EXPIRES_IN,
    s2sAccessTokenExpiresIn: env.S2S_ACCESS_TOKEN_EXPIRES_IN,
    idTokenExpiresIn: env.ID_TOKEN_EXPIRES_IN,
    serverSessionExpiresIn: env.SERVER_SESSION_EXPIRES_IN,
    sensitiveActionMaxAge: env.SENSITIVE_ACTION_MAX_AGE,
    accountLockoutThreshold: env.ACCOUNT_LOCKOUT_THRESHOLD,
    accountLockoutExpiresIn: env.ACCOUNT_LOCKOUT_EXPIRES_IN,
    unlockAccountViaPasswordReset: env.UNLOCK_ACCOUNT_VIA_PASSWORD_RESET,
    passwordResetEmailThreshold: env.PASSWORD_RESET_EMAIL_THRESHOLD,
    passwordResetCodeThreshold: env.PASSWORD_RESET_CODE_THRESHOLD,
    emailMfaEmailThreshold: env.EMAIL_MFA_EMAIL_THRESHOLD,
    smsMfaMessageThreshold: env.SMS_MFA_MESSAGE_THRESHOLD,
    changeEmailEmailThreshold: env.CHANGE_EMAIL_EMAIL_THRESHOLD,
    changeEmailCodeThreshold: env.CHANGE_EMAIL_CODE_THRESHOLD,
    emailVerificationCodeThreshold: env.EMAIL_VERIFICATION_CODE_THRESHOLD,
    emailVerificationEmailThreshold: env.EMAIL_VERIFICATION_EMAIL_THRESHOLD,
    mfaCodeVerifyThreshold: env.MFA_CODE_VERIFY_THRESHOLD,
    authCodeVerifierThreshold: env.AUTH_CODE_VERIFIER_THRESHOLD,
    ipSendThreshold: env.IP_SEND_THRESHOLD,
    authorizeIpThreshold: env.AUTHORIZE_IP_THRESHOLD,
    smsNumberThreshold: env.SMS_NUMBER_THRESHOLD,
    smsAccountThreshold: env.SMS_ACCOUNT_THRESHOLD,
    smsHourlyThreshold: env.SMS_HOURLY_THRESHOLD,
    smsAllowedCountryCodes: env.SMS_ALLOWED_COUNTRY_CODES.map((code) => code.replace(/^\+/, '')),
    externalAccountsRequireMfa: env.EXTERNAL_ACCOUNTS_REQUIRE_MFA,
    logLevel: env.LOG_LEVEL,
    metricsToken: env.METRICS_TOKEN || undefined,
    cronSecret: env.CRON_SECRET || undefined,
    // Node servers clean up hourly by default; on Vercel the cron route does (vercel.json).
    cleanupIntervalSeconds: env.CLEANUP_INTERVAL ?? (env.VERCEL ? 0 : 3600),
    retentionDays: {
      signInLogs: env.SIGN_IN_LOG_RETENTION_DAYS,
      emailLogs: env.EMAIL_LOG_RETENTION_DAYS,
      smsLogs: env.SMS_LOG_RETENTION_DAYS,
      auditEvents: env.AUDIT_LOG_RETENTION_DAYS,
    },
    otelExporterEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT || undefined,
    otelServiceName: env.OTEL_SERVICE_NAME,
  };
}

/**
 * none when ENABLE_EMAIL_VERIFICATION is off or replaced by the welcome email (nothing to verify
 * with), else EMAIL_VERIFICATION_MODE (default lazy). Asking for lazy or strict in those cases is
 * a contradiction, refused at start-up.
 */
function emailVerificationMode(env: z.output<typeof envSchema>): 'none' | 'lazy' | 'strict' {
  const off = !env.ENABLE_EMAIL_VERIFICATION || env.REPLACE_EMAIL_VERIFICATION_WITH_WELCOME_EMAIL;
  if (!off) return env.EMAIL_VERIFICATION_MODE ?? 'lazy';
  if (env.EMAIL_VERIFICATION_MODE && env.EMAIL_VERIFICATION_MODE !== 'none') {
    const reason = env.ENABLE_EMAIL_VERIFICATION ? 'REPLACE_EMAIL_VERIFICATION_WITH_WELCOME_EMAIL=true' : 'ENABLE_EMAIL_VERIFICATION=false';
    throw new ConfigError(`EMAIL_VERIFICATION_MODE: ${env.EMAIL_VERIFICATION_MODE} needs verification emails, but ${reason}`);
  }
  return 'none';
}

function normalizeServerUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`AUTH_SERVER_URL: expected an absolute http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`AUTH_SERVER_URL: expected an http(s) URL, got "${value}"`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new ConfigError('AUTH_SERVER_URL: must not contain credentials, a query or a fragment');
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/**
 * Parses and validates the environment. Pure apart from the development secret key file,
 * which is created once in DATA_DIR so sessions and encrypted secrets survive restarts.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const values = parsed.data;
  const environment = values.ENVIRONMENT ?? (values.VERCEL ? 'prod' : 'dev');
  let secretKey = values.SECRET_KEY;
  if (!secretKey) {
    if (environment === 'prod') {
      throw new ConfigError('SECRET_KEY: required when ENVIRONMENT=prod (for example: openssl rand -hex 32)');
    }
    secretKey = readOrCreateDevelopmentSecret(path.resolve(values.DATA_DIR));
  }
  if (environment === 'prod' && !values.DATABASE_URL) {
    // Same rule and words as scripts/with-db.mjs, for servers started without it (next start, standalone).
    throw new ConfigError(
      'DATABASE_URL: required when ENVIRONMENT=prod. The embedded database keeps its data in DATA_DIR, which a new container or a redeploy loses: ' +
        'set DATABASE_URL=postgresql://user:password@host:5432/dbname (ENVIRONMENT=dev allows the embedded database).',
    );
  }
  if (values.DIRECT_DATABASE_URL && !values.DATABASE_URL) {
    throw new ConfigError('DIRECT_DATABASE_URL: set DATABASE_URL too (DIRECT_DATABASE_URL only replaces it for migrations)');
  }
  const config = buildConfig(values, secretKey);
  checkDeliveryConfig(config);
  if (config.isProduction && !config.authServerUrl.startsWith('https://') && !isLoopback(config.authServerUrl)) {
    throw new ConfigError('AUTH_SERVER_URL: must use https when ENVIRONMENT=prod');
  }
  return config;
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]';
}

function isLoopback(url: string): boolean {
  return isLoopbackHost(new URL(url).hostname);
}

/** Variables that only make sense together. */
function checkDeliveryConfig(config: Config): void {
  if (config.smtpConnectionString && !config.smtpSenderAddress) {
    throw new ConfigError('SMTP_SENDER_ADDRESS: required when SMTP_CONNECTION_STRING is set');
  }
  const emailProblem = emailProviderProblem(config);
  if (emailProblem) throw new ConfigError(emailProblem);
  const hookUrls = Object.entries(config.hookUrls).filter(([, url]) => url);
  if (hookUrls.length && !config.hookSecret) throw new ConfigError('HOOK_SECRET: required when a HOOK_*_URL is set (whsec_…, e.g. whsec_$(openssl rand -base64 24))');
  const insecure = hookUrls.find(([, url]) => config.isProduction && !url.startsWith('https://'));
  if (insecure) throw new ConfigError(`HOOK_${insecure[0].toUpperCase()}_URL: must use https when ENVIRONMENT=prod`);
  const twilio = {
    TWILIO_ACCOUNT_ID: config.twilioAccountId,
    TWILIO_AUTH_TOKEN: config.twilioAuthToken,
    TWILIO_SENDER_NUMBER: config.twilioSenderNumber,
  };
  const missing = Object.entries(twilio).filter(([, value]) => !value).map(([name]) => name);
  if (missing.length > 0 && missing.length < 3) {
    throw new ConfigError(`${missing.join(', ')}: required with the other TWILIO_* variables (set all three or none)`);
  }
  if (config.environment === 'dev' && !isLoopback(config.authServerUrl)) {
    warnOnce(
      `dev-public-url:${config.authServerUrl}:${config.devOutbox}`,
      `[tessera] WARNING: ENVIRONMENT=dev (the default without ENVIRONMENT outside Vercel) with a non-loopback AUTH_SERVER_URL (${config.authServerUrl}). ` +
        'Development defaults are not meant for a reachable server: set ENVIRONMENT=prod. ' +
        (config.devOutbox
          ? 'DEV_OUTBOX=true: /dev/outbox publishes every email and SMS, with their codes and links, to anyone who can reach this URL.'
          : 'The dev outbox (/dev/outbox) stays off unless DEV_OUTBOX=true.'),
    );
  }
  if (config.isProduction && config.devOutbox) {
    warnOnce(
      'dev-outbox',
      '[tessera] DEV_OUTBOX=true with ENVIRONMENT=prod: no email or SMS is sent, and anyone who can reach /dev/outbox reads every code and link.',
    );
  }
}

const warned = new Set<string>();

function warnOnce(key: string, message: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(message);
}

function readOrCreateDevelopmentSecret(dataDir: string): string {
  const file = path.join(dataDir, 'secret-key');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx' fails if another process created the file first; then we read theirs.
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
    if (!warned.has(file)) {
      warned.add(file);
      console.warn(`[tessera] SECRET_KEY is not set: generated a development key in ${file}. Set SECRET_KEY in production.`);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return fs.readFileSync(file, 'utf8').trim();
}

let current: Config | undefined;

/** The process-wide configuration, parsed from process.env on first use. */
export function config(): Config {
  current ??= loadConfig(process.env);
  return current;
}

/** Tests switch flags through this; the overrides last until resetConfigForTesting(). */
export function overrideConfigForTesting(overrides: Partial<Config>): void {
  current = { ...config(), ...overrides };
}

export function resetConfigForTesting(): void {
  current = undefined;
}
