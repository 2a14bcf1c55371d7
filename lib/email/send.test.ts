import net, { type AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { config, overrideConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { listOutbox } from '@/lib/dev-outbox';
import { isAppError } from '@/lib/errors';
import { sendEmail } from './index';
import { closeSmtpTransport } from './smtp';

const original = config();
const SENDER = 'no-reply@acme.example.test';

beforeEach(async () => {
  overrideConfigForTesting({
    ...original,
    branding: { ...original.branding, emailSenderName: 'Acme Auth' },
    devOutbox: true,
    smtpConnectionString: undefined,
    smtpSenderAddress: '',
    enableEmailLog: false,
    environment: 'dev',
    devEmailReceiver: '',
  });
  await db.devOutboxMessage.deleteMany({});
  await db.emailLog.deleteMany({});
});

async function expectAppError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isAppError(error), String(error)).toBe(true);
  expect((error as { code: string }).code).toBe(code);
}

describe('dev outbox', () => {
  it('on: stores the message and sends nothing', async () => {
    // an SMTP URL that would fail if used
    overrideConfigForTesting({ smtpConnectionString: 'smtp://127.0.0.1:1', smtpSenderAddress: SENDER });
    const result = await sendEmail({ to: 'ada@example.test', locale: 'zh-CN', template: 'email_mfa_code', data: { code: '482913' } });
    expect(result).toEqual({ delivery: 'outbox', to: 'ada@example.test', subject: '你的 Acme Auth 验证码', messageId: '', attempts: 0 });
    const [message, ...rest] = await listOutbox();
    expect(rest).toEqual([]);
    expect(message).toMatchObject({ channel: 'email', to: 'ada@example.test', subject: '你的 Acme Auth 验证码' });
    expect(message!.text).toContain('482913');
    expect(message!.html).toContain('482913');
  });

  it('off without SMTP: fails with email_not_configured and stores nothing', async () => {
    overrideConfigForTesting({ devOutbox: false });
    await expectAppError(sendEmail({ to: 'ada@example.test', template: 'welcome', data: {} }), 'email_not_configured');
    expect(await db.devOutboxMessage.count()).toBe(0);
  });

  it('rejects a recipient that is not one address', async () => {
    for (const to of ['', 'not-an-address', 'a@example.test, b@example.test', 'Eve <eve@example.test>', 'x@y\r\nBcc: z@w']) {
      await expectAppError(sendEmail({ to, template: 'welcome', data: {} }), 'invalid_email_recipient');
    }
    expect(await db.devOutboxMessage.count()).toBe(0);
  });
});

describe('SMTP (a real SMTP server on 127.0.0.1)', () => {
  interface Received {
    from: string;
    to: string[];
    raw: Buffer;
    user: string | undefined;
  }
  let server: SMTPServer;
  let port: number;
  let received: Received[];
  let rejectRecipients = false;

  beforeAll(async () => {
    server = new SMTPServer({
      logger: false,
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authMethods: ['PLAIN', 'LOGIN'],
      onAuth(auth, _session, callback) {
        if (auth.username === 'mailer' && auth.password === 'p@ss word') callback(null, { user: auth.username });
        else callback(new Error('Invalid username or password'));
      },
      onRcptTo(address, _session, callback) {
        if (rejectRecipients) callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
        else callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const mailFrom = session.envelope.mailFrom as SMTPServerAddress | false;
          received.push({
            from: mailFrom ? mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw: Buffer.concat(chunks),
            user: session.user as string | undefined,
          });
          callback(null, 'Message queued as TEST123');
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    closeSmtpTransport();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    // stopped: nothing listens on the port any more
    expect(server.server.listening).toBe(false);
    const refused = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(false)));
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });

  beforeEach(() => {
    received = [];
    rejectRecipients = false;
    overrideConfigForTesting({
      devOutbox: false,
      smtpConnectionString: `smtp://mailer:${encodeURIComponent('p@ss word')}@127.0.0.1:${port}`,
      smtpSenderAddress: SENDER,
    });
  });

  afterEach(() => vi.restoreAllMocks());

  it('delivers both parts with the envelope, sender name and localized subject', async () => {
    const result = await sendEmail({
      to: 'Ada@example.test',
      locale: 'en',
      template: 'email_verification',
      data: { code: '731905', link: 'https://auth.example.test/identity/v1/verify?token=tok123', name: 'Ada' },
      branding: { senderName: 'Globex Identity' },
    });
    expect(result.delivery).toBe('smtp');
    expect(result.messageId).toMatch(/^<.+>$/);
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail!.user).toBe('mailer');
    expect(mail!.from).toBe(SENDER);
    expect(mail!.to).toEqual(['Ada@example.test']);

    const parsed = await simpleParser(mail!.raw);
    expect((parsed.from as AddressObject).value).toEqual([{ name: 'Globex Identity', address: SENDER }]);
    expect((parsed.to as AddressObject).value[0]!.address).toBe('Ada@example.test');
    expect(parsed.subject).toBe('Verify your email address for Globex Identity');
    expect(parsed.text).toContain('Hello Ada,');
    expect(parsed.text).toContain('731905');
    expect(parsed.text).toContain('https://auth.example.test/identity/v1/verify?token=tok123');
    expect(parsed.html).toContain('>731905</span>');
    expect(parsed.html).toContain('href="https://auth.example.test/identity/v1/verify?token=tok123"');
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(await db.devOutboxMessage.count()).toBe(0);
  });

  it('encodes a non-ASCII sender name and subject', async () => {
    overrideConfigForTesting({ branding: { ...original.branding, emailSenderName: '极客认证' } });
    await sendEmail({ to: 'li@example.test', locale: 'zh-CN', template: 'password_reset', data: { code: '100200' } });
    const parsed = await simpleParser(received[0]!.raw);
    expect((parsed.from as AddressObject).value).toEqual([{ name: '极客认证', address: SENDER }]);
    expect(parsed.subject).toBe('重置你的 极客认证 密码');
    expect(parsed.text).toContain('请输入以下验证码来设置新密码：');
  });

  it('in ENVIRONMENT=dev, delivers to DEV_EMAIL_RECEIVER when it is set', async () => {
    overrideConfigForTesting({ devEmailReceiver: 'dev-inbox@example.test' });
    const result = await sendEmail({ to: 'real.user@example.test', template: 'welcome', data: {} });
    expect(result.to).toBe('dev-inbox@example.test');
    expect(received[0]!.to).toEqual(['dev-inbox@example.test']);

    overrideConfigForTesting({ environment: 'prod' });
    await sendEmail({ to: 'real.user@example.test', template: 'welcome', data: {} });
    expect(received[1]!.to).toEqual(['real.user@example.test']);
  });

  it('reports a refused message as email_send_failed', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    rejectRecipients = true;
    await expectAppError(sendEmail({ to: 'ada@example.test', template: 'welcome', data: {} }), 'email_send_failed');
    expect(received).toHaveLength(0);
  });

  it('reports wrong credentials as email_send_failed', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    overrideConfigForTesting({ smtpConnectionString: `smtp://mailer:wrong@127.0.0.1:${port}` });
    await expectAppError(sendEmail({ to: 'ada@example.test', template: 'welcome', data: {} }), 'email_send_failed');
    expect(received).toHaveLength(0);
  });

  describe('ENABLE_EMAIL_LOG', () => {
    const data = { code: '918273', link: 'https://auth.example.test/identity/v1/verify?id=42&token=SeCrEtToKeN' };

    it('on: one row per attempt, code and link token redacted', async () => {
      overrideConfigForTesting({ enableEmailLog: true });
      await sendEmail({ to: 'ada@example.test', template: 'email_verification', data });
      vi.spyOn(console, 'error').mockImplementation(() => {});
      rejectRecipients = true;
      await expectAppError(sendEmail({ to: 'bob@example.test', template: 'passwordless_code', data: { code: '564738' } }), 'email_send_failed');

      const rows = await db.emailLog.findMany({ orderBy: { createdAt: 'asc' } });
      expect(rows).toHaveLength(2);
      const [ok, failed] = rows;
      expect(ok).toMatchObject({ receiver: 'ada@example.test', subject: 'Verify your email address for Acme Auth', success: true });
      expect(ok!.response).toContain('TEST123');
      expect(ok!.content).toContain('Verify your email address');
      expect(ok!.content).toContain('https://auth.example.test/identity/v1/verify?id=[redacted]&token=[redacted]');
      expect(ok!.content).not.toContain('918273');
      expect(ok!.content).not.toContain('SeCrEtToKeN');
      expect(failed).toMatchObject({ receiver: 'bob@example.test', success: false });
      expect(failed!.response).toMatch(/Mailbox unavailable/);
      expect(failed!.content).not.toContain('564738');
      expect(JSON.stringify(rows)).not.toMatch(/918273|564738|SeCrEtToKeN/);
    });

    it('on: also logs what the outbox captured, redacted', async () => {
      overrideConfigForTesting({ enableEmailLog: true, devOutbox: true });
      await sendEmail({ to: 'ada@example.test', template: 'magic_link', data: { link: 'https://auth.example.test/m?otp=112233' } });
      const [row] = await db.emailLog.findMany();
      expect(row).toMatchObject({ receiver: 'ada@example.test', success: true, response: 'dev outbox' });
      expect(row!.content).not.toContain('112233');
      // the outbox itself keeps the real message: it is what a developer needs
      expect((await listOutbox())[0]!.text).toContain('otp=112233');
    });

    it('off (default): writes nothing', async () => {
      expect(config().enableEmailLog).toBe(false);
      await sendEmail({ to: 'ada@example.test', template: 'email_verification', data });
      overrideConfigForTesting({ devOutbox: true });
      await sendEmail({ to: 'ada@example.test', template: 'email_verification', data });
      expect(received).toHaveLength(1);
      expect(await db.emailLog.count()).toBe(0);
    });
  });
});
