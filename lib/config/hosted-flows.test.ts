import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, resetConfigForTesting } from './index';

afterEach(() => resetConfigForTesting());

const base = { SECRET_KEY: 'hosted-flows-test-secret-key-0123456789abcdef' };

describe('passwordless and sign-up switches', () => {
  it('defaults to password sign-in, sign-up and reset, no passwordless', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({
      enableSignUp: true,
      enablePasswordSignIn: true,
      enablePasswordReset: true,
      enablePasswordlessSignIn: false,
      usePasswordlessAsMagicLink: false,
    });
  });

  it('ENABLE_PASSWORDLESS_SIGN_IN forces sign-up, password sign-in and reset off (Melody)', () => {
    const config = loadConfig({ ...base, ENABLE_PASSWORDLESS_SIGN_IN: 'true', ENABLE_SIGN_UP: 'true', ENABLE_PASSWORD_RESET: 'true' });
    expect(config).toMatchObject({ enableSignUp: false, enablePasswordSignIn: false, enablePasswordReset: false, enablePasswordlessSignIn: true });
  });
});

describe('email verification mode', () => {
  it('is lazy with a 7-day grace period by default', () => {
    expect(loadConfig(base)).toMatchObject({ emailVerificationMode: 'lazy', emailVerificationGracePeriod: 604800, emailVerificationEmailThreshold: 5 });
  });

  it.each(['none', 'lazy', 'strict', 'STRICT '])('accepts EMAIL_VERIFICATION_MODE=%s', (mode) => {
    expect(loadConfig({ ...base, EMAIL_VERIFICATION_MODE: mode }).emailVerificationMode).toBe(mode.trim().toLowerCase());
  });

  it('is none when ENABLE_EMAIL_VERIFICATION is off or the welcome email replaces it', () => {
    expect(loadConfig({ ...base, ENABLE_EMAIL_VERIFICATION: 'false' }).emailVerificationMode).toBe('none');
    expect(loadConfig({ ...base, REPLACE_EMAIL_VERIFICATION_WITH_WELCOME_EMAIL: 'true' }).emailVerificationMode).toBe('none');
    expect(loadConfig({ ...base, ENABLE_EMAIL_VERIFICATION: 'false', EMAIL_VERIFICATION_MODE: 'none' }).emailVerificationMode).toBe('none');
  });

  it('refuses a mode that needs verification emails when there are none, naming the variables', () => {
    expect(() => loadConfig({ ...base, ENABLE_EMAIL_VERIFICATION: 'false', EMAIL_VERIFICATION_MODE: 'strict' })).toThrow(
      /EMAIL_VERIFICATION_MODE: strict .*ENABLE_EMAIL_VERIFICATION=false/,
    );
    expect(() => loadConfig({ ...base, REPLACE_EMAIL_VERIFICATION_WITH_WELCOME_EMAIL: 'true', EMAIL_VERIFICATION_MODE: 'lazy' })).toThrow(
      /REPLACE_EMAIL_VERIFICATION_WITH_WELCOME_EMAIL=true/,
    );
  });

  it('refuses unknown modes and bad grace periods', () => {
    expect(() => loadConfig({ ...base, EMAIL_VERIFICATION_MODE: 'sometimes' })).toThrow(/EMAIL_VERIFICATION_MODE: expected none, lazy or strict/);
    expect(() => loadConfig({ ...base, EMAIL_VERIFICATION_GRACE_PERIOD: '-1' })).toThrow(/EMAIL_VERIFICATION_GRACE_PERIOD/);
  });
});
