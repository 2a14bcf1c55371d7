import { config, type Config } from './index';
import { envSchema } from './schema';

type VariableName = keyof typeof envSchema.shape;

/**
 * Variables the server never reveals (GET /info, the admin dashboard): secrets, connection strings
 * (they carry credentials) and details of the host. Every variable is either here or in
 * publicConfiguration(); a test fails for a variable that is in neither, so a new secret cannot
 * leak by default.
 */
export const PRIVATE_VARIABLES = [
  'SECRET_KEY',
  'DATABASE_URL',
  'REDIS_URL',
  'REDIS_KEY_PREFIX',
  'PORT',
  'HOSTNAME',
  'DATA_DIR',
  'VERCEL',
  'TRUSTED_PROXY_HEADER',
  'ADMIN_EMAIL',
  // email / SMS delivery: credentials, sender identities, developers' own address and number
  'SMTP_CONNECTION_STRING',
  'SMTP_SENDER_ADDRESS',
  'EMAIL_PROVIDER_NAME',
  'SENDGRID_API_KEY',
  'SENDGRID_SENDER_ADDRESS',
  'MAILGUN_API_KEY',
  'MAILGUN_SENDER_ADDRESS',
  'BREVO_API_KEY',
  'BREVO_SENDER_ADDRESS',
  'RESEND_API_KEY',
  'RESEND_SENDER_ADDRESS',
  'POSTMARK_API_KEY',
  'POSTMARK_SENDER_ADDRESS',
  'TWILIO_ACCOUNT_ID',
  'TWILIO_AUTH_TOKEN',
  'TWILIO_SENDER_NUMBER',
  'DEV_EMAIL_RECEIVER',
  'DEV_SMS_RECEIVER',
  'DEV_OUTBOX',
  // operations: a direct connection string, shared secrets, where logs and traces go
  'DIRECT_DATABASE_URL',
  'METRICS_TOKEN',
  'CRON_SECRET',
  'LOG_LEVEL',
  'CLEANUP_INTERVAL',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_SERVICE_NAME',
  'HOOK_BEFORE_SIGN_UP_URL',
  'HOOK_BEFORE_SIGN_IN_URL',
  'HOOK_BEFORE_TOKEN_ISSUED_URL',
  'HOOK_BEFORE_USER_UPDATE_URL',
  'HOOK_SECRET',
  'HOOK_TIMEOUT_MS',
  'HOOK_FAILURE_MODE',
] as const satisfies readonly VariableName[];

/**
 * Variables whose value is a credential or holds one: `npm run cli -- config print` masks them
 * (connection strings keep their scheme, host and database, without user or password).
 */
export const SECRET_VARIABLES = [
  'SECRET_KEY',
  'DATABASE_URL',
  'DIRECT_DATABASE_URL',
  'REDIS_URL',
  'SMTP_CONNECTION_STRING',
  'TWILIO_AUTH_TOKEN',
  'SENDGRID_API_KEY',
  'MAILGUN_API_KEY',
  'BREVO_API_KEY',
  'RESEND_API_KEY',
  'POSTMARK_API_KEY',
  'METRICS_TOKEN',
  'CRON_SECRET',
  'HOOK_SECRET',
] as const satisfies readonly (typeof PRIVATE_VARIABLES)[number][];

/** The effective configuration under Melody Auth's variable names, as GET /info echoes it in `configs`. */
export function publicConfiguration(current: Config = config()) {
  return {
    ENVIRONMENT: current.environment,
    AUTH_SERVER_URL: current.authServerUrl,
    COMPANY_LOGO_URL: current.branding.companyLogoUrl,
    COMPANY_EMAIL_LOGO_URL: current.branding.companyEmailLogoUrl,
    EMAIL_SENDER_NAME: current.branding.emailSenderName,
    TERMS_LINK: current.branding.termsLink,
    PRIVACY_POLICY_LINK: current.branding.privacyPolicyLink,
    SUPPORTED_LOCALES: current.supportedLocales,
    ENABLE_LOCALE_SELECTOR: current.enableLocaleSelector,
    ENABLE_SIGN_UP: current.enableSignUp,
    ENABLE_PASSWORD_SIGN_IN: current.enablePasswordSignIn,
    ENABLE_PASSWORD_RESET: current.enablePasswordReset,
    ENABLE_NAMES: current.enableNames,
    NAMES_IS_REQUIRED: current.namesIsRequired,
    ENABLE_USER_APP_CONSENT: current.enableUserAppConsent,
    ENABLE_EMAIL_VERIFICATION: current.enableEmailVerification,
    REPLACE_EMAIL_VERIFICATION_WITH_WELCOME_EMAIL: current.replaceEmailVerificationWithWelcomeEmail,
    EMAIL_VERIFICATION_MODE: current.emailVerificationMode,
    EMAIL_VERIFICATION_GRACE_PERIOD: current.emailVerificationGracePeriod,
    ENABLE_PASSWORDLESS_SIGN_IN: current.enablePasswordlessSignIn,
    USE_PASSWORDLESS_AS_MAGIC_LINK: current.usePasswordlessAsMagicLink,
    ENABLE_PLAIN_PKCE_METHOD: current.enablePlainPkceMethod,
    ENABLE_APP_BANNER: current.enableAppBanner,
    ENABLE_SAML_SSO_AS_SP: current.enableSamlSsoAsSp,
    ENABLE_ORG: current.enableOrg,
    ENABLE_USER_ATTRIBUTE: current.enableUserAttribute,
    ALLOW_USER_SWITCH_ORG_ON_SIGN_IN: current.allowUserSwitchOrgOnSignIn,
    BLOCKED_POLICIES: current.blockedPolicies,
    BRANDING_FONT_HOSTS: current.brandingFontHosts,
    OTP_MFA_IS_REQUIRED: current.otpMfaIsRequired,
    EMAIL_MFA_IS_REQUIRED: current.emailMfaIsRequired,
    SMS_MFA_IS_REQUIRED: current.smsMfaIsRequired,
    ENFORCE_ONE_MFA_ENROLLMENT: current.enforceOneMfaEnrollment,
    ALLOW_EMAIL_MFA_AS_BACKUP: current.allowEmailMfaAsBackup,
    ENABLE_MFA_REMEMBER_DEVICE: current.enableMfaRememberDevice,
    ALLOW_PASSKEY_ENROLLMENT: current.allowPasskeyEnrollment,
    ENABLE_RECOVERY_CODE: current.enableRecoveryCode,
    EMBEDDED_AUTH_ORIGINS: current.embeddedAuthOrigins,
    AUTHORIZATION_CODE_EXPIRES_IN: current.authorizationCodeExpiresIn,
    SPA_ACCESS_TOKEN_EXPIRES_IN: current.spaAccessTokenExpiresIn,
    SPA_REFRESH_TOKEN_EXPIRES_IN: current.spaRefreshTokenExpiresIn,
    S2S_ACCESS_TOKEN_EXPIRES_IN: current.s2sAccessTokenExpiresIn,
    ID_TOKEN_EXPIRES_IN: current.idTokenExpiresIn,
    SIGNING_ALGORITHM: current.signingAlgorithm,
    SERVER_SESSION_EXPIRES_IN: current.serverSessionExpiresIn,
    SENSITIVE_ACTION_MAX_AGE: current.sensitiveActionMaxAge,
    ENABLE_EMAIL_LOG: current.enableEmailLog,
    ENABLE_SMS_LOG: current.enableSmsLog,
    ENABLE_SIGN_IN_LOG: current.enableSignInLog,
    EVENT_DISPATCH: current.eventDispatch,
    WEBHOOK_DISABLE_AFTER_FAILURES: current.webhookDisableAfterFailures,
    ACCOUNT_LOCKOUT_THRESHOLD: current.accountLockoutThreshold,
    ACCOUNT_LOCKOUT_EXPIRES_IN: current.accountLockoutExpiresIn,
    UNLOCK_ACCOUNT_VIA_PASSWORD_RESET: current.unlockAccountViaPasswordReset,
    PASSWORD_RESET_EMAIL_THRESHOLD: current.passwordResetEmailThreshold,
    PASSWORD_RESET_CODE_THRESHOLD: current.passwordResetCodeThreshold,
    EMAIL_MFA_EMAIL_THRESHOLD: current.emailMfaEmailThreshold,
    SMS_MFA_MESSAGE_THRESHOLD: current.smsMfaMessageThreshold,
    CHANGE_EMAIL_EMAIL_THRESHOLD: current.changeEmailEmailThreshold,
    CHANGE_EMAIL_CODE_THRESHOLD: current.changeEmailCodeThreshold,
    EMAIL_VERIFICATION_CODE_THRESHOLD: current.emailVerificationCodeThreshold,
    EMAIL_VERIFICATION_EMAIL_THRESHOLD: current.emailVerificationEmailThreshold,
    MFA_CODE_VERIFY_THRESHOLD: current.mfaCodeVerifyThreshold,
    AUTH_CODE_VERIFIER_THRESHOLD: current.authCodeVerifierThreshold,
    IP_SEND_THRESHOLD: current.ipSendThreshold,
    AUTHORIZE_IP_THRESHOLD: current.authorizeIpThreshold,
    SMS_NUMBER_THRESHOLD: current.smsNumberThreshold,
    SMS_ACCOUNT_THRESHOLD: current.smsAccountThreshold,
    SMS_HOURLY_THRESHOLD: current.smsHourlyThreshold,
    SMS_ALLOWED_COUNTRY_CODES: current.smsAllowedCountryCodes,
    EXTERNAL_ACCOUNTS_REQUIRE_MFA: current.externalAccountsRequireMfa,
    SIGN_IN_LOG_RETENTION_DAYS: current.retentionDays.signInLogs,
    EMAIL_LOG_RETENTION_DAYS: current.retentionDays.emailLogs,
    SMS_LOG_RETENTION_DAYS: current.retentionDays.smsLogs,
    AUDIT_LOG_RETENTION_DAYS: current.retentionDays.auditEvents,
  } satisfies Partial<Record<VariableName, unknown>>;
}

/** A secret's printable form: connection strings keep scheme, host, port and database; anything else is only said to be set. */
export function maskSecret(value: string): string {
  try {
    const url = new URL(value);
    if (url.host) return `${url.protocol}//${url.username || url.password ? '***@' : ''}${url.host}${url.pathname}`;
  } catch {
    // not a URL: nothing of it is shown
  }
  return '******** (set)';
}

/**
 * Every variable with the value the server uses (`npm run cli -- config print`): the published ones
 * as GET /info echoes them, the private ones as parsed (defaults filled in), secrets masked and
 * unset ones null. Throws ConfigError like start-up for an invalid environment.
 */
export function effectiveConfiguration(env: Record<string, string | undefined>, current: Config = config()): Record<string, unknown> {
  const published: Record<string, unknown> = publicConfiguration(current);
  const parsed = envSchema.parse(env) as Record<string, unknown>;
  const secrets = new Set<string>(SECRET_VARIABLES);
  const result: Record<string, unknown> = {};
  for (const name of Object.keys(envSchema.shape).sort()) {
    if (name in published) result[name] = published[name];
    else if (secrets.has(name)) result[name] = env[name] ? maskSecret(env[name]) : null;
    else result[name] = parsed[name] ?? null;
  }
  return result;
}
