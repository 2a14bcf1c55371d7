// Which email provider delivers (Melody's rule, docs/email-provider-setup.md): EMAIL_PROVIDER_NAME
// when set; otherwise SMTP when SMTP_CONNECTION_STRING is set, else the first of SendGrid, Mailgun,
// Brevo, Resend and Postmark whose API key and sender address are both set. Tessera refuses at
// start-up what Melody silently passes over: an unknown name (the schema), a named provider that is
// not configured, and an API key without its sender address or the reverse.
import { EMAIL_PROVIDER_NAMES } from './schema';

export type EmailProviderName = (typeof EMAIL_PROVIDER_NAMES)[number];
export type HttpEmailProviderName = Exclude<EmailProviderName, 'smtp'>;

export const HTTP_EMAIL_PROVIDERS = ['sendgrid', 'mailgun', 'brevo', 'resend', 'postmark'] as const satisfies readonly HttpEmailProviderName[];

export interface HttpEmailProviderCredentials {
  apiKey: string;
  senderAddress: string;
}

export interface EmailProviderSettings {
  /** EMAIL_PROVIDER_NAME; '' when unset. */
  emailProviderName: EmailProviderName | '';
  smtpConnectionString: string | undefined;
  smtpSenderAddress: string;
  emailProviders: Record<HttpEmailProviderName, HttpEmailProviderCredentials>;
}

export function isHttpProviderConfigured(settings: EmailProviderSettings, name: HttpEmailProviderName): boolean {
  const { apiKey, senderAddress } = settings.emailProviders[name];
  return Boolean(apiKey && senderAddress);
}

function isConfigured(settings: EmailProviderSettings, name: EmailProviderName): boolean {
  return name === 'smtp' ? Boolean(settings.smtpConnectionString && settings.smtpSenderAddress) : isHttpProviderConfigured(settings, name);
}

/** The provider that delivers email, or undefined when none is configured. */
export function selectEmailProvider(settings: EmailProviderSettings): EmailProviderName | undefined {
  if (settings.emailProviderName) return isConfigured(settings, settings.emailProviderName) ? settings.emailProviderName : undefined;
  if (settings.smtpConnectionString) return 'smtp';
  return HTTP_EMAIL_PROVIDERS.find((name) => isHttpProviderConfigured(settings, name));
}

/** Start-up checks; returns the message naming the variable at fault, or undefined. */
export function emailProviderProblem(settings: EmailProviderSettings): string | undefined {
  for (const name of HTTP_EMAIL_PROVIDERS) {
    const { apiKey, senderAddress } = settings.emailProviders[name];
    const prefix = name.toUpperCase();
    if (apiKey && !senderAddress) return `${prefix}_SENDER_ADDRESS: required when ${prefix}_API_KEY is set`;
    if (senderAddress && !apiKey) return `${prefix}_API_KEY: required when ${prefix}_SENDER_ADDRESS is set`;
  }
  const named = settings.emailProviderName;
  if (named && !isConfigured(settings, named)) {
    const needs = named === 'smtp' ? 'SMTP_CONNECTION_STRING and SMTP_SENDER_ADDRESS' : `${named.toUpperCase()}_API_KEY and ${named.toUpperCase()}_SENDER_ADDRESS`;
    return `EMAIL_PROVIDER_NAME: ${named} needs ${needs}`;
  }
  return undefined;
}
