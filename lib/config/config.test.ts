import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index';

const base = { SECRET_KEY: 'k'.repeat(64) };
const database = { DATABASE_URL: 'postgresql://db.example/tessera' };

describe('loadConfig', () => {
  it("uses Melody Auth's defaults", () => {
    const config = loadConfig(base);
    expect(config.authServerUrl).toBe('http://localhost:3000');
    expect(config.issuer).toBe('http://localhost:3000');
    expect(config.enableSignUp).toBe(true);
    expect(config.enableUserAppConsent).toBe(true);
    expect(config.enablePlainPkceMethod).toBe(false);
    expect(config.authorizationCodeExpiresIn).toBe(300);
    expect(config.spaAccessTokenExpiresIn).toBe(1800);
    expect(config.spaRefreshTokenExpiresIn).toBe(604800);
    expect(config.s2sAccessTokenExpiresIn).toBe(3600);
    expect(config.idTokenExpiresIn).toBe(1800);
    expect(config.serverSessionExpiresIn).toBe(1800);
    expect(config.environment).toBe('dev');
    expect(config.secureCookies).toBe(false);
    expect(config.redisUrl).toBeUndefined();
    expect(config.redisKeyPrefix).toBe('tessera:');
    expect(config.accountLockoutThreshold).toBe(5);
    expect(config.accountLockoutExpiresIn).toBe(86400);
    expect(config.unlockAccountViaPasswordReset).toBe(true);
    expect(config.passwordResetEmailThreshold).toBe(5);
    expect(config.passwordResetCodeThreshold).toBe(5);
    expect(config.emailMfaEmailThreshold).toBe(10);
    expect(config.smsMfaMessageThreshold).toBe(5);
    expect(config.changeEmailEmailThreshold).toBe(5);
    expect(config.changeEmailCodeThreshold).toBe(5);
    expect(config.emailVerificationCodeThreshold).toBe(5);
    expect(config.mfaCodeVerifyThreshold).toBe(10);
    expect(config.authCodeVerifierThreshold).toBe(0);
  });

  it('reads REDIS_URL and the brute-force thresholds (0 disables)', () => {
    const config = loadConfig({
      ...base,
      REDIS_URL: 'rediss://:pw@cache.example:6380/2',
      REDIS_KEY_PREFIX: 'auth:',
      ACCOUNT_LOCKOUT_THRESHOLD: '0',
      ACCOUNT_LOCKOUT_EXPIRES_IN: '0',
      UNLOCK_ACCOUNT_VIA_PASSWORD_RESET: 'false',
    });
    expect(config.redisUrl).toBe('rediss://:pw@cache.example:6380/2');
    expect(config.redisKeyPrefix).toBe('auth:');
    expect(config.accountLockoutThreshold).toBe(0);
    expect(config.accountLockoutExpiresIn).toBe(0);
    expect(config.unlockAccountViaPasswordReset).toBe(false);
    expect(loadConfig({ ...base, REDIS_URL: '' }).redisUrl).toBeUndefined();
  });

  it('parses flags, numbers and both list styles', () => {
    const config = loadConfig({
      ...base,
      ENABLE_SIGN_UP: 'false',
      AUTHORIZATION_CODE_EXPIRES_IN: '60',
      SUPPORTED_LOCALES: '["zh-CN","en"]',
      AUTH_SERVER_URL: 'https://auth.example.com/',
    });
    expect(config.enableSignUp).toBe(false);
    expect(config.authorizationCodeExpiresIn).toBe(60);
    expect(config.supportedLocales).toEqual(['zh-CN', 'en']);
    expect(config.defaultLocale).toBe('zh-CN');
    expect(config.authServerUrl).toBe('https://auth.example.com');
    expect(config.secureCookies).toBe(true);
    expect(loadConfig({ ...base, SUPPORTED_LOCALES: 'en, zh-CN' }).supportedLocales).toEqual(['en', 'zh-CN']);
  });

  it.each([
    ['ENABLE_SIGN_UP', 'maybe'],
    ['AUTHORIZATION_CODE_EXPIRES_IN', '-5'],
    ['PORT', 'eighty'],
    ['SUPPORTED_LOCALES', 'en,xx'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['SECRET_KEY', 'short'],
    ['TERMS_LINK', 'javascript:alert(1)'],
    ['REDIS_URL', 'http://localhost:6379'],
    ['ACCOUNT_LOCKOUT_THRESHOLD', 'five'],
    ['MFA_CODE_VERIFY_THRESHOLD', '-1'],
  ])('names the bad variable %s', (name, value) => {
    expect(() => loadConfig({ ...base, [name]: value })).toThrow(new RegExp(name));
  });

  it('rejects an AUTH_SERVER_URL with a query', () => {
    expect(() => loadConfig({ ...base, AUTH_SERVER_URL: 'https://a.example?x=1' })).toThrow(/AUTH_SERVER_URL/);
  });

  it('requires SECRET_KEY and https in production', () => {
    expect(() => loadConfig({ ENVIRONMENT: 'prod', AUTH_SERVER_URL: 'https://a.example' })).toThrow(ConfigError);
    expect(() => loadConfig({ ENVIRONMENT: 'prod', AUTH_SERVER_URL: 'https://a.example' })).toThrow(/SECRET_KEY/);
    expect(() => loadConfig({ ...base, ...database, ENVIRONMENT: 'prod', AUTH_SERVER_URL: 'http://a.example' })).toThrow(/https/);
    expect(loadConfig({ ...base, ...database, ENVIRONMENT: 'prod', AUTH_SERVER_URL: 'https://a.example' }).isProduction).toBe(true);
  });

  it('refuses production without DATABASE_URL (the embedded database), naming the variable', () => {
    expect(() => loadConfig({ ...base, ENVIRONMENT: 'prod', AUTH_SERVER_URL: 'https://a.example' })).toThrow(/^DATABASE_URL: required when ENVIRONMENT=prod/);
    expect(() => loadConfig({ ...base, VERCEL: '1', AUTH_SERVER_URL: 'https://a.example' })).toThrow(/DATABASE_URL/);
    expect(loadConfig(base).databaseUrl).toBeUndefined();
    expect(() => loadConfig({ ...base, DIRECT_DATABASE_URL: 'postgresql://db/direct' })).toThrow(/^DIRECT_DATABASE_URL: set DATABASE_URL too/);
    expect(() => loadConfig({ ...base, ...database, DIRECT_DATABASE_URL: 'mysql://db/x' })).toThrow(/DIRECT_DATABASE_URL/);
    expect(loadConfig({ ...base, ...database, DIRECT_DATABASE_URL: 'postgresql://db/direct' }).directDatabaseUrl).toBe('postgresql://db/direct');
  });

  it('reads the operations variables: LOG_LEVEL, METRICS_TOKEN, CRON_SECRET, CLEANUP_INTERVAL, retention days', () => {
    const defaults = loadConfig(base);
    expect(defaults.logLevel).toBe('info');
    expect(defaults.metricsToken).toBeUndefined();
    expect(defaults.cronSecret).toBeUndefined();
    expect(defaults.cleanupIntervalSeconds).toBe(3600);
    expect(defaults.retentionDays).toEqual({ signInLogs: 90, emailLogs: 30, smsLogs: 30, auditEvents: 365 });
    expect(defaults.otelExporterEndpoint).toBeUndefined();
    expect(loadConfig({ ...base, ...database, VERCEL: '1', AUTH_SERVER_URL: 'https://a.example' }).cleanupIntervalSeconds).toBe(0);

    const set = loadConfig({
      ...base,
      LOG_LEVEL: 'DEBUG',
      METRICS_TOKEN: 'm'.repeat(16),
      CRON_SECRET: 'c'.repeat(32),
      CLEANUP_INTERVAL: '0',
      SIGN_IN_LOG_RETENTION_DAYS: '0',
      AUDIT_LOG_RETENTION_DAYS: '30',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
    });
    expect(set).toMatchObject({ logLevel: 'debug', metricsToken: 'm'.repeat(16), cronSecret: 'c'.repeat(32), cleanupIntervalSeconds: 0 });
    expect(set.retentionDays).toMatchObject({ signInLogs: 0, auditEvents: 30 });
    expect(set.otelExporterEndpoint).toBe('http://127.0.0.1:4318');

    expect(() => loadConfig({ ...base, LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL: expected one of silent, error, warn, info, debug/);
    expect(() => loadConfig({ ...base, METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: expected at least 16/);
    expect(() => loadConfig({ ...base, CRON_SECRET: 'has spaces in it, sixteen+' })).toThrow(/CRON_SECRET/);
    expect(() => loadConfig({ ...base, CLEANUP_INTERVAL: '5' })).toThrow(/CLEANUP_INTERVAL/);
    expect(() => loadConfig({ ...base, EMAIL_LOG_RETENTION_DAYS: '-1' })).toThrow(/EMAIL_LOG_RETENTION_DAYS/);
    expect(() => loadConfig({ ...base, OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://x' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
  });

  it('generates one development secret in DATA_DIR and reuses it', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-config-'));
    try {
      const first = loadConfig({ DATA_DIR: dataDir });
      const second = loadConfig({ DATA_DIR: dataDir });
      expect(first.secretKey).toMatch(/^[0-9a-f]{64}$/);
      expect(second.secretKey).toBe(first.secretKey);
      expect(fs.statSync(path.join(dataDir, 'secret-key')).mode & 0o077).toBe(0);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('issue 12 item 6: the client IP on Vercel', () => {
  it('issue 12 item 6: on Vercel the client IP comes from x-vercel-forwarded-for by default', () => {
    const base = { SECRET_KEY: 'x'.repeat(32), DATABASE_URL: 'postgresql://localhost/db', AUTH_SERVER_URL: 'https://auth.example' };
    expect(loadConfig({ ...base, VERCEL: '1' }).trustedProxyHeader).toBe('x-vercel-forwarded-for');
    expect(loadConfig({ ...base, VERCEL: '1', TRUSTED_PROXY_HEADER: 'X-Real-IP' }).trustedProxyHeader).toBe('x-real-ip');
    expect(loadConfig(base).trustedProxyHeader).toBe('');
  });
});
