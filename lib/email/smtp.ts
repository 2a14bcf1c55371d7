import nodemailer from 'nodemailer';

// One nodemailer transporter per connection string, created on first use (a changed string —
// tests — gets a new one). Each message opens its own SMTP connection: auth servers send little
// mail, and no idle connection is left behind when an instance is frozen (serverless).

type Transporter = ReturnType<typeof nodemailer.createTransport>;
let cached: { url: string; transporter: Transporter } | undefined;

// Fail a request in seconds, not nodemailer's default minutes, when the SMTP server hangs.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

function transporterFor(url: string): Transporter {
  if (cached?.url === url) return cached.transporter;
  cached?.transporter.close();
  // Options in the URL (smtp://…?ignoreTLS=true) are applied by nodemailer; the timeouts are defaults.
  const transporter = nodemailer.createTransport({ url, ...TIMEOUTS });
  cached = { url, transporter };
  return transporter;
}

export interface SmtpMessage {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface SmtpResult {
  messageId: string;
  /** The server's final reply ("250 OK: queued as …"). */
  response: string;
}

export async function sendViaSmtp(url: string, message: SmtpMessage): Promise<SmtpResult> {
  const info = await transporterFor(url).sendMail({
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    // RFC 3834: tells auto-responders (vacation replies) not to answer.
    headers: { 'Auto-Submitted': 'auto-generated' },
  });
  return { messageId: String(info.messageId ?? ''), response: String(info.response ?? '') };
}

/** Closes the cached transporter (tests, shutdown). */
export function closeSmtpTransport(): void {
  cached?.transporter.close();
  cached = undefined;
}
