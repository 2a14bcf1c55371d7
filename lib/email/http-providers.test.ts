// The HTTP email providers (issue #17 point 7) against a local fake of each API on 127.0.0.1:
// the exact method, URL, authentication, headers and body the real API expects (SendGrid v3 Mail
// Send, Mailgun messages, Brevo smtp/email, Resend emails, Postmark email), Melody's rule for which
// provider wins, retries of passing failures, and logs that never hold a code or the API key.
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { config, overrideConfigForTesting, type Config } from '@/lib/config';
import type { HttpEmailProviderName } from '@/lib/config/email-provider';
import { db } from '@/lib/db';
import { isAppError } from '@/lib/errors';
import { sendEmail } from './index';
import { formatMailbox } from './http-providers';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

let server: http.Server;
let baseUrl: string;
let received: Received[];
/** Canned answers, one per request in order; the last one repeats. */
let answers: { status: number; body?: string; headers?: Record<string, string> }[];

const original = config();
const NO_KEYS = Object.fromEntries(
  (['sendgrid', 'mailgun', 'brevo', 'resend', 'postmark'] as const).map((name) => [name, { apiKey: '', senderAddress: '' }]),
) as Config['emailProviders'];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method!, url: request.url!, headers: request.headers, body: Buffer.concat(chunks) });
      const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(async () => {
  received = [];
  answers = [{ status: 200, body: '{}' }];
  overrideConfigForTesting({
    ...original,
    branding: { ...original.branding, emailSenderName: 'Acme Auth' },
    devOutbox: false,
    environment: 'prod',
    devEmailReceiver: '',
    smtpConnectionString: undefined,
    smtpSenderAddress: '',
    emailProviderName: '',
    emailProviders: NO_KEYS,
    emailProviderBaseUrls: { sendgrid: baseUrl, mailgun: baseUrl, brevo: baseUrl, resend: baseUrl, postmark: baseUrl },
    emailRetryDelaysMs: [1, 1],
    enableEmailLog: true,
  });
  await db.emailLog.deleteMany({});
});

afterEach(() => vi.restoreAllMocks());

function use(provider: HttpEmailProviderName, apiKey: string, senderAddress = 'no-reply@mail.acme.example.test') {
  overrideConfigForTesting({ emailProviders: { ...NO_KEYS, [provider]: { apiKey, senderAddress } } });
}

const sendCode = () =>
  sendEmail({ to: 'ada@example.test', locale: 'en', template: 'email_mfa_code', data: { code: '482913' } });

async function expectSendFailed(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isAppError(error) && error.code).toBe('email_send_failed');
}

describe('request shape of each provider', () => {
  it('SendGrid: POST /v3/mail/send, Bearer key, personalizations, text/plain before text/html; 202 with X-Message-Id', async () => {
    use('sendgrid', 'SG.test-key.abc');
    answers = [{ status: 202, body: '', headers: { 'x-message-id': 'sg-msg-1' } }];
    const result = await sendCode();
    expect(result).toMatchObject({ delivery: 'sendgrid', to: 'ada@example.test', messageId: 'sg-msg-1', attempts: 1 });

    const [request] = received;
    expect(request).toMatchObject({ method: 'POST', url: '/v3/mail/send' });
    expect(request!.headers.authorization).toBe('Bearer SG.test-key.abc');
    expect(request!.headers['content-type']).toBe('application/json');
    const body = JSON.parse(request!.body.toString('utf8'));
    expect(Object.keys(body).sort()).toEqual(['content', 'from', 'headers', 'personalizations', 'subject']);
    expect(body.personalizations).toEqual([{ to: [{ email: 'ada@example.test' }] }]);
    expect(body.from).toEqual({ email: 'no-reply@mail.acme.example.test', name: 'Acme Auth' });
    expect(body.subject).toBe('Your Acme Auth verification code');
    expect(body.content.map((part: { type: string }) => part.type)).toEqual(['text/plain', 'text/html']);
    expect(body.content[0].value).toContain('482913');
    expect(body.content[1].value).toContain('>482913</span>');
    expect(body.headers).toEqual({ 'Auto-Submitted': 'auto-generated' });
  });

  it('Mailgun: POST /v3/<sender domain>/messages, Basic api:<key>, multipart form fields; 200 { id }', async () => {
    use('mailgun', 'key-mailgun-123');
    answers = [{ status: 200, body: JSON.stringify({ id: '<20260101.1@mail.acme.example.test>', message: 'Queued. Thank you.' }) }];
    const result = await sendCode();
    expect(result).toMatchObject({ delivery: 'mailgun', messageId: '<20260101.1@mail.acme.example.test>' });

    const [request] = received;
    expect(request).toMatchObject({ method: 'POST', url: '/v3/mail.acme.example.test/messages' });
    expect(request!.headers.authorization).toBe(`Basic ${Buffer.from('api:key-mailgun-123').toString('base64')}`);
    expect(request!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const form = await new Response(new Uint8Array(request!.body), { headers: { 'content-type': request!.headers['content-type']! } }).formData();
    expect([...form.keys()].sort()).toEqual(['from', 'h:Auto-Submitted', 'html', 'subject', 'text', 'to']);
    expect(form.get('from')).toBe('Acme Auth <no-reply@mail.acme.example.test>');
    expect(form.get('to')).toBe('ada@example.test');
    expect(form.get('subject')).toBe('Your Acme Auth verification code');
    expect(form.get('text')).toContain('482913');
    expect(form.get('html')).toContain('>482913</span>');
    expect(form.get('h:Auto-Submitted')).toBe('auto-generated');
  });

  it('Brevo: POST /v3/smtp/email, api-key header, sender / to / htmlContent / textContent; 201 { messageId }', async () => {
    use('brevo', 'xkeysib-brevo-456');
    answers = [{ status: 201, body: JSON.stringify({ messageId: '<brevo-1@smtp-relay.mailin.fr>' }) }];
    const result = await sendCode();
    expect(result).toMatchObject({ delivery: 'brevo', messageId: '<brevo-1@smtp-relay.mailin.fr>' });

    const [request] = received;
    expect(request).toMatchObject({ method: 'POST', url: '/v3/smtp/email' });
    expect(request!.headers['api-key']).toBe('xkeysib-brevo-456');
    expect(request!.headers.authorization).toBeUndefined();
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers.accept).toBe('application/json');
    const body = JSON.parse(request!.body.toString('utf8'));
    expect(Object.keys(body).sort()).toEqual(['headers', 'htmlContent', 'sender', 'subject', 'textContent', 'to']);
    expect(body.sender).toEqual({ name: 'Acme Auth', email: 'no-reply@mail.acme.example.test' });
    expect(body.to).toEqual([{ email: 'ada@example.test' }]);
    expect(body.subject).toBe('Your Acme Auth verification code');
    expect(body.textContent).toContain('482913');
    expect(body.htmlContent).toContain('>482913</span>');
    expect(body.headers).toEqual({ 'Auto-Submitted': 'auto-generated' });
  });

  it('Resend: POST /emails, Bearer key, from "Name <address>", to as a list; 200 { id }', async () => {
    use('resend', 're_resend_789');
    answers = [{ status: 200, body: JSON.stringify({ id: '49a3999c-0ce1-4ea6-ab68-afcd6dc2e794' }) }];
    const result = await sendCode();
    expect(result).toMatchObject({ delivery: 'resend', messageId: '49a3999c-0ce1-4ea6-ab68-afcd6dc2e794' });

    const [request] = received;
    expect(request).toMatchObject({ method: 'POST', url: '/emails' });
    expect(request!.headers.authorization).toBe('Bearer re_resend_789');
    expect(request!.headers['content-type']).toBe('application/json');
    const body = JSON.parse(request!.body.toString('utf8'));
    expect(Object.keys(body).sort()).toEqual(['from', 'headers', 'html', 'subject', 'text', 'to']);
    expect(body.from).toBe('Acme Auth <no-reply@mail.acme.example.test>');
    expect(body.to).toEqual(['ada@example.test']);
    expect(body.subject).toBe('Your Acme Auth verification code');
    expect(body.text).toContain('482913');
    expect(body.html).toContain('>482913</span>');
    expect(body.headers).toEqual({ 'Auto-Submitted': 'auto-generated' });
  });

  it('Postmark: POST /email, X-Postmark-Server-Token, PascalCase fields, MessageStream outbound; 200 { MessageID, ErrorCode 0 }', async () => {
    use('postmark', 'pm-server-token-000');
    answers = [{ status: 200, body: JSON.stringify({ To: 'ada@example.test', MessageID: 'b7bc2f4a-e38e-4336-af7d-e6c392c2f817', ErrorCode: 0, Message: 'OK' }) }];
    const result = await sendCode();
    expect(result).toMatchObject({ delivery: 'postmark', messageId: 'b7bc2f4a-e38e-4336-af7d-e6c392c2f817' });

    const [request] = received;
    expect(request).toMatchObject({ method: 'POST', url: '/email' });
    expect(request!.headers['x-postmark-server-token']).toBe('pm-server-token-000');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers.accept).toBe('application/json');
    const body = JSON.parse(request!.body.toString('utf8'));
    expect(Object.keys(body).sort()).toEqual(['From', 'Headers', 'HtmlBody', 'MessageStream', 'Subject', 'TextBody', 'To']);
    expect(body.From).toBe('Acme Auth <no-reply@mail.acme.example.test>');
    expect(body.To).toBe('ada@example.test');
    expect(body.Subject).toBe('Your Acme Auth verification code');
    expect(body.TextBody).toContain('482913');
    expect(body.HtmlBody).toContain('>482913</span>');
    expect(body.Headers).toEqual([{ Name: 'Auto-Submitted', Value: 'auto-generated' }]);
    expect(body.MessageStream).toBe('outbound');
  });

  it('quotes a sender name with punctuation so it stays one mailbox, and passes non-ASCII names as they are', async () => {
    expect(formatMailbox('Acme, Inc. "Auth"', 'a@b.test')).toBe('"Acme, Inc. \\"Auth\\"" <a@b.test>');
    expect(formatMailbox('极客认证', 'a@b.test')).toBe('极客认证 <a@b.test>');
    expect(formatMailbox('Evil\r\nBcc: x@y', 'a@b.test')).toBe('"Evil Bcc: x@y" <a@b.test>');
    use('resend', 're_key');
    overrideConfigForTesting({ branding: { ...original.branding, emailSenderName: 'Acme, Inc.' } });
    await sendCode();
    expect(JSON.parse(received[0]!.body.toString('utf8')).from).toBe('"Acme, Inc." <no-reply@mail.acme.example.test>');
  });

  it('Postmark: a 200 carrying ErrorCode ≠ 0 is a failure', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    use('postmark', 'pm-token');
    answers = [{ status: 200, body: JSON.stringify({ ErrorCode: 300, Message: 'Invalid email request' }) }];
    await expectSendFailed(sendCode());
    expect(received).toHaveLength(1);
  });
});

describe("Melody's rule for which provider wins", () => {
  const all = {
    sendgrid: { apiKey: 'sg', senderAddress: 'sg@acme.example.test' },
    mailgun: { apiKey: 'mg', senderAddress: 'mg@acme.example.test' },
    brevo: { apiKey: 'br', senderAddress: 'br@acme.example.test' },
    resend: { apiKey: 're', senderAddress: 're@acme.example.test' },
    postmark: { apiKey: 'pm', senderAddress: 'pm@acme.example.test' },
  };

  it('unset EMAIL_PROVIDER_NAME: SendGrid, then Mailgun, Brevo, Resend, Postmark — the first configured one', async () => {
    const order = ['sendgrid', 'mailgun', 'brevo', 'resend', 'postmark'] as const;
    for (const [index, expected] of order.entries()) {
      const configured = Object.fromEntries(order.map((name, i) => [name, i >= index ? all[name] : { apiKey: '', senderAddress: '' }]));
      overrideConfigForTesting({ emailProviders: configured as Config['emailProviders'] });
      answers = [{ status: expected === 'sendgrid' ? 202 : expected === 'brevo' ? 201 : 200, body: '{}' }];
      expect((await sendCode()).delivery).toBe(expected);
    }
    expect(received.map((request) => request.url)).toEqual(['/v3/mail/send', '/v3/acme.example.test/messages', '/v3/smtp/email', '/emails', '/email']);
  });

  it('EMAIL_PROVIDER_NAME picks its provider over the others', async () => {
    overrideConfigForTesting({ emailProviders: all, emailProviderName: 'resend' });
    expect((await sendCode()).delivery).toBe('resend');
    expect(received[0]!.headers.authorization).toBe('Bearer re');
  });

  it('unset EMAIL_PROVIDER_NAME with SMTP_CONNECTION_STRING: SMTP wins over every API provider', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    // a closed port: the attempt fails, but it is an SMTP attempt and no API is called
    overrideConfigForTesting({ emailProviders: all, smtpConnectionString: 'smtp://127.0.0.1:1', smtpSenderAddress: 'smtp@acme.example.test' });
    await expectSendFailed(sendCode());
    expect(received).toHaveLength(0);
    const logs = await db.emailLog.findMany({ orderBy: { createdAt: 'asc' } });
    expect(logs.map((log) => log.response)).toEqual([
      expect.stringMatching(/ECONNREFUSED|connect/i),
      expect.stringMatching(/^attempt 2\/3: /),
      expect.stringMatching(/^attempt 3\/3: /),
    ]);
  });
});

describe('failures', () => {
  it('retries a passing failure (503, 429) and succeeds, logging each attempt', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    use('sendgrid', 'SG.retry');
    answers = [
      { status: 503, body: '{"errors":[{"message":"Service Unavailable"}]}' },
      { status: 429, body: '{"errors":[{"message":"too many requests"}]}' },
      { status: 202, body: '', headers: { 'x-message-id': 'third-time' } },
    ];
    const result = await sendCode();
    expect(result).toMatchObject({ delivery: 'sendgrid', messageId: 'third-time', attempts: 3 });
    expect(received).toHaveLength(3);
    const logs = await db.emailLog.findMany({ orderBy: { createdAt: 'asc' } });
    expect(logs.map((log) => [log.success, log.response])).toEqual([
      [false, 'sendgrid: 503 {"errors":[{"message":"Service Unavailable"}]}'],
      [false, 'attempt 2/3: sendgrid: 429 {"errors":[{"message":"too many requests"}]}'],
      [true, 'attempt 3/3: sendgrid: 202'],
    ]);
  });

  it('gives up after 3 attempts with email_send_failed', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    use('brevo', 'xkeysib-down');
    answers = [{ status: 502, body: 'Bad Gateway' }];
    await expectSendFailed(sendCode());
    expect(received).toHaveLength(3);
    expect(await db.emailLog.count({ where: { success: false } })).toBe(3);
  });

  it('does not retry a refusal (400, 401): trying again would fail the same way', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    use('mailgun', 'key-wrong');
    answers = [{ status: 401, body: 'Forbidden' }];
    await expectSendFailed(sendCode());
    expect(received).toHaveLength(1);
  });

  it('retries when the provider cannot be reached at all', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    use('resend', 're_unreachable');
    overrideConfigForTesting({ emailProviderBaseUrls: { ...config().emailProviderBaseUrls, resend: 'http://127.0.0.1:1' } });
    await expectSendFailed(sendCode());
    const logs = await db.emailLog.findMany({ orderBy: { createdAt: 'asc' } });
    expect(logs).toHaveLength(3);
    expect(logs[0]!.response).toMatch(/^resend: fetch failed/);
  });

  it('logs and console output never hold the code or the API key, even when the provider echoes them', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    use('postmark', 'pm-SECRET-token-4711');
    answers = [{ status: 422, body: JSON.stringify({ ErrorCode: 406, Message: 'Rejected token pm-SECRET-token-4711 for code 482913' }) }];
    await expectSendFailed(sendCode());
    const [log] = await db.emailLog.findMany();
    expect(log!.success).toBe(false);
    for (const text of [log!.response, log!.content, log!.subject, JSON.stringify(errors.mock.calls)]) {
      expect(text).not.toContain('pm-SECRET-token-4711');
      expect(text).not.toContain('482913');
    }
    expect(log!.response).toContain('[redacted]');
  });
});
