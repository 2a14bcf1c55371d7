// Email for the sign-up, verification, reset, passwordless, invitation and MFA flows.
//
//   await sendEmail({ to, locale: user.locale, template: 'email_mfa_code', data: { code, expiresIn: 300 } });
//
// Delivery: DEV_OUTBOX on (default in ENVIRONMENT=dev) → stored in the dev outbox, nothing sent;
// else the provider lib/config/email-provider.ts selects (Melody's rule: EMAIL_PROVIDER_NAME, else
// SMTP, else SendGrid, Mailgun, Brevo, Resend, Postmark); else AppError email_not_configured.
// A failure for a passing reason (network, time-out, 429, 5xx, SMTP 4xx) is tried again, up to 3
// attempts (config().emailRetryDelaysMs between them). In ENVIRONMENT=dev, real delivery goes to
// DEV_EMAIL_RECEIVER instead of the recipient when it is set. ENABLE_EMAIL_LOG writes an EmailLog
// row per attempt, codes, link tokens and the provider's key redacted.
import { config, type Config } from '@/lib/config';
import { selectEmailProvider, type EmailProviderName } from '@/lib/config/email-provider';
import { db } from '@/lib/db';
import { captureInOutbox } from '@/lib/dev-outbox';
import { AppError } from '@/lib/errors';
import { isEmailAddress } from '@/lib/email/address';
import type { EmailBranding } from './branding';
import { EmailErrors } from './errors';
import { redactSecrets } from './redact';
import { renderEmail } from './render';
import { sendViaHttpProvider, type DeliveryAttempt, type OutgoingEmail } from './http-providers';
import { sendViaSmtp } from './smtp';
import { templateSecrets, type EmailTemplate, type EmailTemplateData } from './templates';

export { EmailErrors } from './errors';
export { emailBrandingFromOrg, type EmailBranding, type OrgEmailBrandingFields } from './branding';
export { EMAIL_TEMPLATES, isEmailTemplate, type EmailTemplate, type EmailTemplateData } from './templates';
export { renderEmail, emailLocale, type RenderedEmail, type RenderEmailInput } from './render';

export interface SendEmailInput<K extends EmailTemplate> {
  to: string;
  template: K;
  data: EmailTemplateData[K];
  /** The recipient's locale; unsupported or missing → the deployment's default locale. */
  locale?: string | null;
  /** Org overrides (emailBrandingFromOrg(org)); the deployment's branding otherwise. */
  branding?: EmailBranding;
}

export interface SendEmailResult {
  delivery: 'outbox' | EmailProviderName;
  /** Where it went (DEV_EMAIL_RECEIVER when dev routing applied). */
  to: string;
  subject: string;
  /** The provider's message id (SMTP Message-ID); empty for the outbox. */
  messageId: string;
  /** Delivery attempts made (1 unless a passing failure was retried); 0 for the outbox. */
  attempts: number;
}

/**
 * The users' rule (lib/email/address: admin@localhost is fine) minus characters that a mail library
 * reads as address-list syntax, so one string is always exactly one recipient.
 */
export function isDeliverableAddress(value: string): boolean {
  return isEmailAddress(value) && !/[<>",;:()\\[\]]/.test(value);
}

export async function sendEmail<K extends EmailTemplate>(input: SendEmailInput<K>): Promise<SendEmailResult> {
  const to = typeof input.to === 'string' ? input.to.trim() : '';
  if (!isDeliverableAddress(to)) throw new AppError(EmailErrors.invalid_email_recipient);
  const settings = config();
  const provider = settings.devOutbox ? undefined : selectEmailProvider(settings);
  if (!settings.devOutbox && !provider) throw new AppError(EmailErrors.email_not_configured);

  const email = await renderEmail(input);

  if (!provider) {
    await captureInOutbox({ channel: 'email', to, subject: email.subject, text: email.text, html: email.html });
    await writeLog({ receiver: to, subject: email.subject, text: email.text, data: input.data, response: 'dev outbox', success: true });
    return { delivery: 'outbox', to, subject: email.subject, messageId: '', attempts: 0 };
  }

  const receiver = settings.environment === 'dev' && settings.devEmailReceiver ? settings.devEmailReceiver : to;
  const outgoing: OutgoingEmail = {
    from: { name: email.branding.senderName, address: senderAddressOf(settings, provider) },
    to: receiver,
    subject: email.subject,
    text: email.text,
    html: email.html,
  };
  const credentials = provider === 'smtp' ? [] : [settings.emailProviders[provider].apiKey];
  const maxAttempts = settings.emailRetryDelaysMs.length + 1;
  for (let attempt = 1; ; attempt += 1) {
    const result = await attemptDelivery(settings, provider, outgoing);
    const response = attempt > 1 ? `attempt ${attempt}/${maxAttempts}: ${result.detail}` : result.detail;
    await writeLog({ receiver, subject: email.subject, text: email.text, data: input.data, response, success: result.ok, credentials });
    if (result.ok) return { delivery: provider, to: receiver, subject: email.subject, messageId: result.messageId, attempts: attempt };
    const retry = result.retryable && attempt < maxAttempts;
    const reason = redactSecrets(result.detail, [...templateSecrets(input.data), ...credentials]);
    console.error(`[tessera] email "${input.template}" attempt ${attempt}/${maxAttempts} through ${provider} failed${retry ? ', trying again' : ''}: ${reason}`);
    if (!retry) throw new AppError(EmailErrors.email_send_failed);
    await new Promise((resolve) => setTimeout(resolve, settings.emailRetryDelaysMs[attempt - 1]));
  }
}

function senderAddressOf(settings: Config, provider: EmailProviderName): string {
  return provider === 'smtp' ? settings.smtpSenderAddress : settings.emailProviders[provider].senderAddress;
}

async function attemptDelivery(settings: Config, provider: EmailProviderName, email: OutgoingEmail): Promise<DeliveryAttempt> {
  if (provider !== 'smtp') {
    return sendViaHttpProvider(provider, settings.emailProviders[provider], settings.emailProviderBaseUrls[provider], email);
  }
  try {
    const result = await sendViaSmtp(settings.smtpConnectionString!, email);
    return { ok: true, retryable: false, messageId: result.messageId, detail: result.response };
  } catch (error) {
    const failure = error as { message?: string; responseCode?: number; code?: string };
    // SMTP 4xx replies are temporary by definition (RFC 5321); no reply at all is a connection
    // problem. Refused credentials (EAUTH) and 5xx replies will not change by trying again.
    const retryable = failure.code !== 'EAUTH' && (failure.responseCode === undefined || (failure.responseCode >= 400 && failure.responseCode < 500));
    return { ok: false, retryable, messageId: '', detail: failure.message ?? String(error) };
  }
}

async function writeLog(entry: {
  receiver: string;
  subject: string;
  text: string;
  data: object;
  response: string;
  success: boolean;
  /** The provider's API key: never in a log, even if a provider echoed it. */
  credentials?: string[];
}) {
  if (!config().enableEmailLog) return;
  const secrets = [...templateSecrets(entry.data), ...(entry.credentials ?? [])];
  try {
    await db.emailLog.create({
      data: {
        receiver: entry.receiver,
        subject: redactSecrets(entry.subject, secrets),
        // The plain-text part: readable in the admin dashboard, nothing to sanitize.
        content: redactSecrets(entry.text, secrets),
        response: redactSecrets(entry.response, secrets).slice(0, 1000),
        success: entry.success,
      },
    });
  } catch (error) {
    // The message went out (or failed for its own reason): a log failure must not change that.
    console.error('[tessera] could not write the email log', error);
  }
}
