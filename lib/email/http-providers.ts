// The email providers Melody supports besides SMTP, over their HTTP APIs (no SDKs: one request
// each). Every request carries the HTML and the plain-text part, the sender name and
// Auto-Submitted: auto-generated (RFC 3834), as the SMTP transport does.
//
// - SendGrid  POST {base}/v3/mail/send, Authorization: Bearer <key>, JSON (text/plain content
//             first, as the API requires) → 202, id in X-Message-Id.
// - Mailgun   POST {base}/v3/<sender's domain>/messages, Basic api:<key>, multipart/form-data
//             (from, to, subject, text, html, h:Auto-Submitted) → 200 { id, message }.
// - Brevo     POST {base}/v3/smtp/email, api-key: <key>, JSON → 201 { messageId }.
// - Resend    POST {base}/emails, Authorization: Bearer <key>, JSON → 200 { id }.
// - Postmark  POST {base}/email, X-Postmark-Server-Token: <key>, JSON (MessageStream outbound)
//             → 200 { MessageID, ErrorCode: 0 }.
import type { HttpEmailProviderCredentials, HttpEmailProviderName } from '@/lib/config/email-provider';

export interface OutgoingEmail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** The outcome of one delivery attempt, whatever the transport. */
export interface DeliveryAttempt {
  ok: boolean;
  /** A failure worth another attempt: network error, time-out, 408, 429, 5xx (SMTP: 4xx, no answer). */
  retryable: boolean;
  /** The provider's message id when accepted. */
  messageId: string;
  /** What the provider answered (status and body, shortened), for the log. Never holds the key. */
  detail: string;
}

const TIMEOUT_MS = 10_000;
const AUTO_SUBMITTED = 'auto-generated';

/**
 * "Name <address>" with the name quoted when it holds anything but atext and spaces (RFC 5322), so
 * a sender name such as `Acme, Inc.` stays one mailbox.
 */
export function formatMailbox(name: string, address: string): string {
  const clean = name.replace(/[\r\n]+/g, ' ').trim();
  if (!clean) return address;
  const quoted = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ \u0080-\uffff]+$/.test(clean) ? clean : `"${clean.replace(/(["\\])/g, '\\$1')}"`;
  return `${quoted} <${address}>`;
}

interface ProviderRequest {
  path: string;
  headers: Record<string, string>;
  body: string | FormData;
  /** The message id in an accepted response. */
  messageId(response: Response, json: Record<string, unknown>): string;
}

const json = (value: unknown) => JSON.stringify(value);
const field = (json: Record<string, unknown>, key: string) => (typeof json[key] === 'string' ? (json[key] as string) : '');

const REQUESTS: Record<HttpEmailProviderName, (credentials: HttpEmailProviderCredentials, email: OutgoingEmail) => ProviderRequest> = {
  sendgrid: ({ apiKey }, email) => ({
    path: '/v3/mail/send',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: json({
      personalizations: [{ to: [{ email: email.to }] }],
      from: { email: email.from.address, name: email.from.name },
      subject: email.subject,
      content: [
        { type: 'text/plain', value: email.text },
        { type: 'text/html', value: email.html },
      ],
      headers: { 'Auto-Submitted': AUTO_SUBMITTED },
    }),
    messageId: (response) => response.headers.get('x-message-id') ?? '',
  }),
  mailgun: ({ apiKey }, email) => {
    const form = new FormData();
    form.append('from', formatMailbox(email.from.name, email.from.address));
    form.append('to', email.to);
    form.append('subject', email.subject);
    form.append('text', email.text);
    form.append('html', email.html);
    form.append('h:Auto-Submitted', AUTO_SUBMITTED);
    // Melody's rule: the sending domain is the sender address's domain.
    const domain = email.from.address.slice(email.from.address.lastIndexOf('@') + 1);
    return {
      path: `/v3/${encodeURIComponent(domain)}/messages`,
      headers: { authorization: `Basic ${Buffer.from(`api:${apiKey}`).toString('base64')}` },
      body: form,
      messageId: (_response, body) => field(body, 'id'),
    };
  },
  brevo: ({ apiKey }, email) => ({
    path: '/v3/smtp/email',
    headers: { 'api-key': apiKey, 'content-type': 'application/json', accept: 'application/json' },
    body: json({
      sender: { name: email.from.name, email: email.from.address },
      to: [{ email: email.to }],
      subject: email.subject,
      htmlContent: email.html,
      textContent: email.text,
      headers: { 'Auto-Submitted': AUTO_SUBMITTED },
    }),
    messageId: (_response, body) => field(body, 'messageId'),
  }),
  resend: ({ apiKey }, email) => ({
    path: '/emails',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: json({
      from: formatMailbox(email.from.name, email.from.address),
      to: [email.to],
      subject: email.subject,
      html: email.html,
      text: email.text,
      headers: { 'Auto-Submitted': AUTO_SUBMITTED },
    }),
    messageId: (_response, body) => field(body, 'id'),
  }),
  postmark: ({ apiKey }, email) => ({
    path: '/email',
    headers: { 'x-postmark-server-token': apiKey, 'content-type': 'application/json', accept: 'application/json' },
    body: json({
      From: formatMailbox(email.from.name, email.from.address),
      To: email.to,
      Subject: email.subject,
      HtmlBody: email.html,
      TextBody: email.text,
      Headers: [{ Name: 'Auto-Submitted', Value: AUTO_SUBMITTED }],
      MessageStream: 'outbound',
    }),
    messageId: (_response, body) => field(body, 'MessageID'),
  }),
};

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** One attempt through `provider`'s API at `baseUrl` (https://api.… in production). */
export async function sendViaHttpProvider(
  provider: HttpEmailProviderName,
  credentials: HttpEmailProviderCredentials,
  baseUrl: string,
  email: OutgoingEmail,
): Promise<DeliveryAttempt> {
  const request = REQUESTS[provider](credentials, email);
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${baseUrl.replace(/\/+$/, '')}${request.path}`, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    text = await response.text();
  } catch (error) {
    const reason = error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error);
    return { ok: false, retryable: true, messageId: '', detail: `${provider}: ${reason}` };
  }
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    // not JSON (SendGrid answers 202 with an empty body)
  }
  const detail = `${provider}: ${response.status}${text ? ` ${text.replace(/\s+/g, ' ').slice(0, 500)}` : ''}`;
  // Postmark reports a refusal as ErrorCode ≠ 0 (with a 4xx status, but never trust a 200 alone).
  const refusedByPostmark = provider === 'postmark' && typeof body.ErrorCode === 'number' && body.ErrorCode !== 0;
  if (response.ok && !refusedByPostmark) return { ok: true, retryable: false, messageId: request.messageId(response, body), detail };
  return { ok: false, retryable: isRetryableStatus(response.status), messageId: '', detail };
}
