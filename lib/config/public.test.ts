import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, resetConfigForTesting } from './index';
import { effectiveConfiguration, PRIVATE_VARIABLES, publicConfiguration, SECRET_VARIABLES } from './public';
import { envSchema } from './schema';

afterEach(() => resetConfigForTesting());

const SECRETS = {
  SECRET_KEY: 'public-test-secret-key-0123456789abcdef0123456789',
  DATABASE_URL: 'postgresql://tessera:db-password-123@db.internal:5432/tessera',
  REDIS_URL: 'rediss://:redis-password-456@cache.internal:6380',
};

describe('public configuration (GET /info)', () => {
  it('classifies every environment variable as either public or private, never both', () => {
    const published = new Set(Object.keys(publicConfiguration(loadConfig({ SECRET_KEY: SECRETS.SECRET_KEY }))));
    const hidden = new Set<string>(PRIVATE_VARIABLES);
    for (const name of Object.keys(envSchema.shape)) {
      expect(published.has(name) || hidden.has(name), `classify ${name} in lib/config/public.ts`).toBe(true);
      expect(published.has(name) && hidden.has(name), `${name} is both public and private`).toBe(false);
    }
    for (const name of published) expect(Object.keys(envSchema.shape), `${name} is not a variable`).toContain(name);
  });

  it('never publishes a variable named like a credential', () => {
    // Melody's own credential names end like this (FACEBOOK_AUTH_CLIENT_SECRET, SENDGRID_API_KEY, TWILIO_AUTH_TOKEN, …).
    const credential = /(SECRET|SECRET_KEY|PASSWORD|API_KEY|AUTH_TOKEN|CONNECTION_STRING|DATABASE_URL|REDIS_URL|_TOKEN)$/;
    const published = Object.keys(publicConfiguration(loadConfig({ SECRET_KEY: SECRETS.SECRET_KEY })));
    for (const name of published) expect(name).not.toMatch(credential);
    for (const name of Object.keys(envSchema.shape).filter((variable) => credential.test(variable))) {
      expect(PRIVATE_VARIABLES as readonly string[]).toContain(name);
      // and `cli config print` masks its value
      expect(SECRET_VARIABLES as readonly string[], `add ${name} to SECRET_VARIABLES`).toContain(name);
    }
  });

  it('echoes the effective values, typed, and no secret value anywhere', () => {
    const effective = loadConfig({ ...SECRETS, ENABLE_SIGN_UP: 'false', SPA_ACCESS_TOKEN_EXPIRES_IN: '900', SUPPORTED_LOCALES: 'zh-CN,en', AUTH_SERVER_URL: 'https://auth.example.test/' });
    const configs = publicConfiguration(effective);
    expect(configs).toMatchObject({
      ENABLE_SIGN_UP: false,
      ENABLE_PASSWORD_SIGN_IN: true,
      SPA_ACCESS_TOKEN_EXPIRES_IN: 900,
      AUTHORIZATION_CODE_EXPIRES_IN: 300,
      SUPPORTED_LOCALES: ['zh-CN', 'en'],
      AUTH_SERVER_URL: 'https://auth.example.test',
    });
    const json = JSON.stringify(configs);
    for (const secret of [SECRETS.SECRET_KEY, 'db-password-123', 'redis-password-456', 'db.internal', 'cache.internal']) expect(json).not.toContain(secret);
  });
});

describe('effective configuration (npm run cli -- config print)', () => {
  it('lists every variable, defaults filled in, secrets masked: connection strings without credentials, others only said to be set', () => {
    const env = { ...SECRETS, METRICS_TOKEN: 'metrics-token-789', LOG_LEVEL: 'debug' };
    const effective = effectiveConfiguration(env, loadConfig(env));
    expect(Object.keys(effective).sort()).toEqual(Object.keys(envSchema.shape).sort());
    expect(effective).toMatchObject({
      DATABASE_URL: 'postgresql://***@db.internal:5432/tessera',
      REDIS_URL: 'rediss://***@cache.internal:6380',
      SECRET_KEY: '******** (set)',
      METRICS_TOKEN: '******** (set)',
      CRON_SECRET: null,
      LOG_LEVEL: 'debug',
      ENABLE_SIGN_UP: true,
      SPA_ACCESS_TOKEN_EXPIRES_IN: 1800,
    });
    const json = JSON.stringify(effective);
    for (const secret of [SECRETS.SECRET_KEY, 'db-password-123', 'redis-password-456', 'metrics-token-789']) expect(json).not.toContain(secret);
  });
});
