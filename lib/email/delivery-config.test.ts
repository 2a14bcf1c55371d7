// The email / SMS variables of lib/config (SMTP_*, TWILIO_*, DEV_OUTBOX, DEV_*_RECEIVER, ENABLE_*_LOG).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '@/lib/config';

const base = { SECRET_KEY: 'k'.repeat(64) };
const prod = { ...base, ENVIRONMENT: 'prod', AUTH_SERVER_URL: 'https://auth.example.test', DATABASE_URL: 'postgresql://db.example/tessera' };
const twilio = { TWILIO_ACCOUNT_ID: `AC${'0a'.repeat(16)}`, TWILIO_AUTH_TOKEN: 'token', TWILIO_SENDER_NUMBER: '+15550001111' };

afterEach(() => vi.restoreAllMocks());

describe('email and SMS configuration', () => {
  it('has Melody-compatible defaults: nothing configured, logs off, outbox on in dev only', () => {
    const dev = loadConfig(base);
    expect(dev.smtpConnectionString).toBeUndefined();
    expect(dev.smtpSenderAddress).toBe('');
    expect(dev.twilioAccountId).toBe('');
    expect(dev.twilioApiBaseUrl).toBe('https://api.twilio.com');
    expect(dev.enableEmailLog).toBe(false);
    expect(dev.enableSmsLog).toBe(false);
    expect(dev.devOutbox).toBe(true);
    expect(loadConfig(prod).devOutbox).toBe(false);
    expect(loadConfig({ ...base, DEV_OUTBOX: 'false' }).devOutbox).toBe(false);
  });

  it('reads the variables', () => {
    const config = loadConfig({
      ...base,
      SMTP_CONNECTION_STRING: ' smtps://user:pa%40ss@smtp.example.test:465 ',
      SMTP_SENDER_ADDRESS: 'auth@example.test',
      ...twilio,
      DEV_EMAIL_RECEIVER: 'me@example.test',
      DEV_SMS_RECEIVER: '+4915112345678',
      ENABLE_EMAIL_LOG: 'true',
      ENABLE_SMS_LOG: '1',
    });
    expect(config.smtpConnectionString).toBe('smtps://user:pa%40ss@smtp.example.test:465');
    expect(config.smtpSenderAddress).toBe('auth@example.test');
    expect(config.twilioAccountId).toBe(twilio.TWILIO_ACCOUNT_ID);
    expect(config.twilioSenderNumber).toBe('+15550001111');
    expect(config.devEmailReceiver).toBe('me@example.test');
    expect(config.devSmsReceiver).toBe('+4915112345678');
    expect(config.enableEmailLog).toBe(true);
    expect(config.enableSmsLog).toBe(true);
  });

  it('allows DEV_OUTBOX in prod when set, with a warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(loadConfig({ ...prod, DEV_OUTBOX: 'true' }).devOutbox).toBe(true);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/DEV_OUTBOX=true with ENVIRONMENT=prod/));
  });

  it.each([
    ['SMTP_CONNECTION_STRING', 'http://smtp.example.test'],
    ['SMTP_CONNECTION_STRING', 'smtp.example.test:587'],
    ['SMTP_CONNECTION_STRING', 'smtp://user:pw@host:99999'],
    ['SMTP_SENDER_ADDRESS', 'not an address'],
    ['TWILIO_ACCOUNT_ID', 'my-account'],
    ['TWILIO_SENDER_NUMBER', '555-1234'],
    ['DEV_EMAIL_RECEIVER', 'nobody'],
    ['DEV_SMS_RECEIVER', '+12'],
    ['DEV_OUTBOX', 'sometimes'],
    ['ENABLE_EMAIL_LOG', 'maybe'],
    ['ENABLE_SMS_LOG', 'maybe'],
  ])('names the bad variable %s (%s)', (name, value) => {
    expect(() => loadConfig({ ...base, [name]: value })).toThrow(new RegExp(name));
  });

  it('never repeats the SMTP password in the error', () => {
    expect(() => loadConfig({ ...base, SMTP_CONNECTION_STRING: 'smtpx://user:hunter2secret@host' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2secret') }),
    );
    expect(() => loadConfig({ ...base, SMTP_CONNECTION_STRING: 'smtpx://user:hunter2secret@host' })).toThrow(/SMTP_CONNECTION_STRING/);
  });

  it('requires SMTP_SENDER_ADDRESS with SMTP_CONNECTION_STRING', () => {
    expect(() => loadConfig({ ...base, SMTP_CONNECTION_STRING: 'smtp://smtp.example.test:587' })).toThrow(/SMTP_SENDER_ADDRESS/);
  });

  it('requires all three TWILIO_* variables or none, naming the missing ones', () => {
    expect(() => loadConfig({ ...base, TWILIO_ACCOUNT_ID: twilio.TWILIO_ACCOUNT_ID })).toThrow(/TWILIO_AUTH_TOKEN, TWILIO_SENDER_NUMBER/);
    expect(() => loadConfig({ ...base, ...twilio, TWILIO_AUTH_TOKEN: '' })).toThrow(/^TWILIO_AUTH_TOKEN:/);
    expect(loadConfig({ ...base, ...twilio }).twilioAuthToken).toBe('token');
  });

  it('reads the HTTP providers and EMAIL_PROVIDER_NAME (Melody names), defaulting to none', () => {
    expect(loadConfig(base).emailProviderName).toBe('');
    const config = loadConfig({
      ...base,
      EMAIL_PROVIDER_NAME: 'postmark',
      SENDGRID_API_KEY: ' SG.key ',
      SENDGRID_SENDER_ADDRESS: 'sg@example.test',
      POSTMARK_API_KEY: 'pm-token',
      POSTMARK_SENDER_ADDRESS: 'pm@example.test',
    });
    expect(config.emailProviderName).toBe('postmark');
    expect(config.emailProviders.sendgrid).toEqual({ apiKey: 'SG.key', senderAddress: 'sg@example.test' });
    expect(config.emailProviders.postmark).toEqual({ apiKey: 'pm-token', senderAddress: 'pm@example.test' });
    expect(config.emailProviders.mailgun).toEqual({ apiKey: '', senderAddress: '' });
    expect(config.emailProviderBaseUrls.mailgun).toBe('https://api.mailgun.net');
  });

  it.each([
    [{ EMAIL_PROVIDER_NAME: 'sendgird' }, /EMAIL_PROVIDER_NAME: expected one of smtp, sendgrid, mailgun, brevo, resend, postmark/],
    [{ EMAIL_PROVIDER_NAME: 'mailgun' }, /EMAIL_PROVIDER_NAME: mailgun needs MAILGUN_API_KEY and MAILGUN_SENDER_ADDRESS/],
    [{ EMAIL_PROVIDER_NAME: 'smtp' }, /EMAIL_PROVIDER_NAME: smtp needs SMTP_CONNECTION_STRING and SMTP_SENDER_ADDRESS/],
    [{ BREVO_API_KEY: 'xkeysib-1' }, /BREVO_SENDER_ADDRESS: required when BREVO_API_KEY is set/],
    [{ RESEND_SENDER_ADDRESS: 'r@example.test' }, /RESEND_API_KEY: required when RESEND_SENDER_ADDRESS is set/],
    [{ MAILGUN_SENDER_ADDRESS: 'not an address', MAILGUN_API_KEY: 'k' }, /MAILGUN_SENDER_ADDRESS: expected an email address/],
  ])('refuses a provider setting that cannot deliver: %o', (variables, message) => {
    expect(() => loadConfig({ ...base, ...variables })).toThrow(message);
  });

  it('never repeats an API key in an error', () => {
    expect(() => loadConfig({ ...base, SENDGRID_API_KEY: 'SG.super-secret-key' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('SG.super-secret-key') }),
    );
  });
});
