// Email for the sign-up, verification, reset, passwordless, invitation and MFA flows.
//
//   await sendEmail({ to, locale: user.locale, template: 'email_mfa_code', data: { code, expiresIn: 300 } });
//
// Delivery: DEV_OUTBOX on (default in ENVIRONMENT=dev) → stored in the dev outbox, nothing sent;
// else SMTP (SMTP_CONNECTION_STRING + SMTP_SENDER_ADDRESS); else AppError email_not_configured.
// In ENVIRONMENT=dev, SMTP delivers to DEV_EMAIL_RECEIVER instead of the recipient when it is set.
// ENABLE_EMAIL_LOG writes an EmailLog row per attempt, codes and link tokens redacted.
import { config } from '@/lib/config';
import { db } from '@/lib/db';
import { captureInOutbox } from '@/lib/dev-outbox';
import { AppError } from '@/lib/errors';
import { isEmailAddress } from '@/lib/users/email';
import type { EmailBranding } from './branding';
import { EmailErrors } from './errors';
import { redactSecrets } from './redact';
import { renderEmail } from './render';
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
  delivery: 'outbox' | 'smtp';
  /** Where it went (DEV_EMAIL_RECEIVER when dev routing applied). */
  to: string;
  subject: string;
  /** SMTP Message-ID; empty for the outbox. */
  messageId: string;
}

/**
 * The users' rule (lib/users/email: admin@localhost is fine) minus characters that a mail library
 * reads as address-list syntax, so one string is always exactly one recipient.
 */
export function isDeliverableAddress(value: string): boolean {
  return isEmailAddress(value) && !/[<>",;:()\\[\]]/.test(value);
}

export async function sendEmail<K extends EmailTemplate>(input: SendEmailInput<K>): Promise<SendEmailResult> {
  const to = typeof input.to === 'string' ? input.to.trim() : '';
  if (!isDeliverableAddress(to)) throw new AppError(EmailErrors.invalid_email_recipient);
  const settings = config();
  const useOutbox = settings.devOutbox;
  const smtpUrl = settings.smtpConnectionString;
  if (!useOutbox && !smtpUrl) throw new AppError(EmailErrors.email_not_configured);

  const email = await renderEmail(input);

  if (useOutbox) {
    await captureInOutbox({ channel: 'email', to, subject: email.subject, text: email.text, html: email.html });
    await writeLog({ receiver: to, subject: email.subject, text: email.text, data: input.data, response: 'dev outbox', success: true });
    return { delivery: 'outbox', to, subject: email.subject, messageId: '' };
  }

  const receiver = settings.environment === 'dev' && settings.devEmailReceiver ? settings.devEmailReceiver : to;
  try {
    const result = await sendViaSmtp(smtpUrl!, {
      from: { name: email.branding.senderName, address: settings.smtpSenderAddress },
      to: receiver,
      subject: email.subject,
      text: email.text,
      html: email.html,
    });
    await writeLog({ receiver, subject: email.subject, text: email.text, data: input.data, response: result.response, success: true });
    return { delivery: 'smtp', to: receiver, subject: email.subject, messageId: result.messageId };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`[tessera] email "${input.template}" could not be sent over SMTP: ${reason}`);
    await writeLog({ receiver, subject: email.subject, text: email.text, data: input.data, response: reason, success: false });
    throw new AppError(EmailErrors.email_send_failed);
  }
}

async function writeLog(entry: { receiver: string; subject: string; text: string; data: object; response: string; success: boolean }) {
  if (!config().enableEmailLog) return;
  const secrets = templateSecrets(entry.data);
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
