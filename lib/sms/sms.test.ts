import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { config, overrideConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { listOutbox } from '@/lib/dev-outbox';
import { isAppError } from '@/lib/errors';
import { isE164, sendSms } from './index';

const original = config();
const ACCOUNT = `AC${'1f'.repeat(16)}`;
const TOKEN = 'twilio-auth-token';
const SENDER = '+15005550006';

async function expectAppError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isAppError(error), String(error)).toBe(true);
  expect((error as { code: string }).code).toBe(code);
}

beforeEach(async () => {
  overrideConfigForTesting({
    ...original,
    devOutbox: true,
    twilioAccountId: '',
    twilioAuthToken: '',
    twilioSenderNumber: '',
    enableSmsLog: false,
    environment: 'dev',
    devSmsReceiver: '',
  });
  await db.devOutboxMessage.deleteMany({});
  await db.smsLog.deleteMany({});
});

afterEach(() => vi.restoreAllMocks());

describe('E.164 validation', () => {
  it('accepts + and 8 to 15 digits', () => {
    for (const ok of ['+15551234567', '+8613800138000', '+44207946000', '+123456789012345']) expect(isE164(ok), ok).toBe(true);
    for (const bad of ['15551234567', '+1 555 123 4567', '+1-555-1234567', '+1234567', '+1234567890123456', '+05551234567', '', '+1555abc4567'])
      expect(isE164(bad), bad).toBe(false);
  });

  it('sendSms refuses other numbers and bad text with typed errors', async () => {
    await expectAppError(sendSms({ to: '555-1234', text: 'hi' }), 'invalid_phone_number');
    await expectAppError(sendSms({ to: '+15551234567', text: '' }), 'invalid_sms_text');
    await expectAppError(sendSms({ to: '+15551234567', text: 'x'.repeat(1601) }), 'invalid_sms_text');
    expect(await db.devOutboxMessage.count()).toBe(0);
  });
});

describe('dev outbox', () => {
  it('on: captures the SMS (channel sms) and sends nothing', async () => {
    overrideConfigForTesting({ twilioAccountId: ACCOUNT, twilioAuthToken: TOKEN, twilioSenderNumber: SENDER, twilioApiBaseUrl: 'http://127.0.0.1:1' });
    const result = await sendSms({ to: '+15551234567', text: 'Your code is 123456' });
    expect(result).toEqual({ delivery: 'outbox', to: '+15551234567', messageId: '' });
    const messages = await listOutbox();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ channel: 'sms', to: '+15551234567', subject: '', text: 'Your code is 123456', html: '' });
  });

  it('off without Twilio: fails with sms_not_configured', async () => {
    overrideConfigForTesting({ devOutbox: false });
    await expectAppError(sendSms({ to: '+15551234567', text: 'hi' }), 'sms_not_configured');
    expect(await db.devOutboxMessage.count()).toBe(0);
  });
});

describe('Twilio (a local HTTP server on 127.0.0.1)', () => {
  interface Seen {
    method: string;
    url: string;
    authorization: string;
    contentType: string;
    form: URLSearchParams;
  }
  let server: http.Server;
  let seen: Seen[];
  let reply: { status: number; body: unknown };

  beforeAll(async () => {
    server = http.createServer((request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        seen.push({
          method: request.method ?? '',
          url: request.url ?? '',
          authorization: request.headers.authorization ?? '',
          contentType: request.headers['content-type'] ?? '',
          form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
        });
        response.writeHead(reply.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    expect(server.listening).toBe(false);
  });

  beforeEach(() => {
    seen = [];
    reply = { status: 201, body: { sid: 'SM0123456789abcdef0123456789abcdef', status: 'queued' } };
    overrideConfigForTesting({
      devOutbox: false,
      twilioAccountId: ACCOUNT,
      twilioAuthToken: TOKEN,
      twilioSenderNumber: SENDER,
      twilioApiBaseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    });
  });

  it('POSTs the form to Messages.json with Basic auth', async () => {
    const text = 'Acme: your verification code is 654321. 验证码 654321';
    const result = await sendSms({ to: '+8613800138000', text });
    expect(result).toEqual({ delivery: 'twilio', to: '+8613800138000', messageId: 'SM0123456789abcdef0123456789abcdef' });
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe(`/2010-04-01/Accounts/${ACCOUNT}/Messages.json`);
    expect(request!.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString('base64')}`);
    expect(request!.contentType).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(request!.form)).toEqual({ To: '+8613800138000', From: SENDER, Body: text });
    expect(await db.devOutboxMessage.count()).toBe(0);
  });

  it('in ENVIRONMENT=dev, sends to DEV_SMS_RECEIVER when it is set', async () => {
    overrideConfigForTesting({ devSmsReceiver: '+15550009999' });
    expect((await sendSms({ to: '+15551234567', text: 'hi' })).to).toBe('+15550009999');
    expect(seen[0]!.form.get('To')).toBe('+15550009999');
    overrideConfigForTesting({ environment: 'prod' });
    await sendSms({ to: '+15551234567', text: 'hi' });
    expect(seen[1]!.form.get('To')).toBe('+15551234567');
  });

  it('reports a Twilio error as sms_send_failed', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    reply = { status: 400, body: { code: 21211, message: "The 'To' number is not a valid phone number.", status: 400 } };
    await expectAppError(sendSms({ to: '+15551234567', text: 'hi' }), 'sms_send_failed');
  });

  it('reports an unreachable API as sms_send_failed', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    overrideConfigForTesting({ twilioApiBaseUrl: 'http://127.0.0.1:1' });
    await expectAppError(sendSms({ to: '+15551234567', text: 'hi' }), 'sms_send_failed');
  });

  describe('ENABLE_SMS_LOG', () => {
    it('on: one row per attempt with codes redacted', async () => {
      overrideConfigForTesting({ enableSmsLog: true });
      await sendSms({ to: '+15551234567', text: 'Your Acme code is 246810. It expires in 5 minutes.' });
      vi.spyOn(console, 'error').mockImplementation(() => {});
      reply = { status: 400, body: { code: 21211, message: 'Invalid To', status: 400 } };
      await expectAppError(sendSms({ to: '+15557654321', text: 'Recovery code AB12-CD34-EF56', secrets: ['AB12-CD34-EF56'] }), 'sms_send_failed');

      const rows = await db.smsLog.findMany({ orderBy: { createdAt: 'asc' } });
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({
        receiver: '+15551234567',
        content: 'Your Acme code is ******. It expires in 5 minutes.',
        response: 'SM0123456789abcdef0123456789abcdef',
        success: true,
      });
      expect(rows[1]).toMatchObject({ receiver: '+15557654321', content: 'Recovery code [redacted]', success: false });
      expect(rows[1]!.response).toContain('21211');
      expect(JSON.stringify(rows)).not.toMatch(/246810|AB12-CD34-EF56|twilio-auth-token/);
    });

    it('off (default): writes nothing', async () => {
      expect(original.enableSmsLog).toBe(false);
      await sendSms({ to: '+15551234567', text: 'Your code is 246810' });
      overrideConfigForTesting({ devOutbox: true });
      await sendSms({ to: '+15551234567', text: 'Your code is 246810' });
      expect(seen).toHaveLength(1);
      expect(await db.smsLog.count()).toBe(0);
    });
  });
});
