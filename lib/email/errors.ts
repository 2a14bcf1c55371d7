import { defineErrors } from '@/lib/errors';

export const EmailErrors = defineErrors({
  email_not_configured: {
    status: 503,
    message:
      'Email delivery is not configured: set SMTP_CONNECTION_STRING and SMTP_SENDER_ADDRESS, or the API key and sender address of SendGrid, Mailgun, Brevo, Resend or Postmark (e.g. SENDGRID_API_KEY and SENDGRID_SENDER_ADDRESS), or DEV_OUTBOX=true.',
  },
  email_send_failed: { status: 502, message: 'The email could not be sent.' },
  invalid_email_recipient: { status: 400, message: 'The email address of the recipient is invalid.' },
});
