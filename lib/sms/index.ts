// SMS for the MFA flows (Twilio, Melody Auth's only SMS provider).
//
//   await sendSms({ to: '+15551234567', text: t('smsMfa.code', { code }) });
//
// Delivery: DEV_OUTBOX on (default in ENVIRONMENT=dev) → stored in the dev outbox (channel sms),
// nothing sent; else Twilio (TWILIO_ACCOUNT_ID, TWILIO_AUTH_TOKEN, TWILIO_SENDER_NUMBER); else
// AppError sms_not_configured. In ENVIRONMENT=dev, Twilio delivers to DEV_SMS_RECEIVER instead of
// the recipient when it is set. ENABLE_SMS_LOG writes an SmsLog row per attempt, codes redacted.
// Toll fraud (issue 12 item 10): only to SMS_ALLOWED_COUNTRY_CODES, at most SMS_NUMBER_THRESHOLD
// per number per day and SMS_HOURLY_THRESHOLD per hour for the deployment (the MFA flow adds
// SMS_ACCOUNT_THRESHOLD per account and refuses accounts whose address is unverified).
import { config } from '@/lib/config';
import { E164_PHONE } from '@/lib/config/schema';
import { db } from '@/lib/db';
import { captureInOutbox } from '@/lib/dev-outbox';
import { redactSecrets } from '@/lib/email/redact';
import { AppError } from '@/lib/errors';
import { checkAndCount } from '@/lib/rate-limit';
import { SmsErrors } from './errors';
import { sendViaTwilio } from './twilio';

export { SmsErrors } from './errors';

/** Twilio's limit for one message body. */
export const MAX_SMS_LENGTH = 1600;

export interface SendSmsInput {
  /** E.164: +, then 8 to 15 digits (no spaces). */
  to: string;
  text: string;
  /** Values to redact in the SMS log besides 6-digit codes (e.g. a longer code). */
  secrets?: string[];
}

export interface SendSmsResult {
  delivery: 'outbox' | 'twilio';
  /** Where it went (DEV_SMS_RECEIVER when dev routing applied). */
  to: string;
  /** Twilio message SID; empty for the outbox. */
  messageId: string;
}

export function isE164(value: string): boolean {
  return E164_PHONE.test(value);
}

/** Whether SMS_ALLOWED_COUNTRY_CODES (calling codes; empty: all) lets SMS go to this E.164 number. */
export function countryAllowed(to: string): boolean {
  const codes = config().smsAllowedCountryCodes;
  return codes.length === 0 || codes.some((code) => to.startsWith(`+${code}`));
}

export async function sendSms({ to: rawTo, text, secrets = [] }: SendSmsInput): Promise<SendSmsResult> {
  const to = typeof rawTo === 'string' ? rawTo.trim() : '';
  if (!isE164(to)) throw new AppError(SmsErrors.invalid_phone_number);
  if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_SMS_LENGTH) throw new AppError(SmsErrors.invalid_sms_text);

  const settings = config();
  if (!countryAllowed(to)) throw new AppError(SmsErrors.sms_country_not_allowed, undefined, { phoneNumber: 'sms_country_not_allowed' });
  // Toll fraud: caps per number and per hour for the deployment, whoever asks (issue 12 item 10).
  await checkAndCount('sms_number', { id: to });
  await checkAndCount('sms_deployment', { id: 'all' });
  if (settings.devOutbox) {
    await captureInOutbox({ channel: 'sms', to, subject: '', text, html: '' });
    await writeLog({ receiver: to, text, secrets, response: 'dev outbox', success: true });
    return { delivery: 'outbox', to, messageId: '' };
  }
  if (!settings.twilioAccountId || !settings.twilioAuthToken || !settings.twilioSenderNumber) {
    throw new AppError(SmsErrors.sms_not_configured);
  }

  const receiver = settings.environment === 'dev' && settings.devSmsReceiver ? settings.devSmsReceiver : to;
  let failure: string;
  try {
    const result = await sendViaTwilio(
      {
        accountId: settings.twilioAccountId,
        authToken: settings.twilioAuthToken,
        senderNumber: settings.twilioSenderNumber,
        baseUrl: settings.twilioApiBaseUrl,
      },
      receiver,
      text,
    );
    if (result.ok) {
      await writeLog({ receiver, text, secrets, response: result.detail, success: true });
      return { delivery: 'twilio', to: receiver, messageId: result.detail };
    }
    failure = result.detail;
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  console.error(`[tessera] SMS could not be sent through Twilio: ${failure}`);
  await writeLog({ receiver, text, secrets, response: failure, success: false });
  throw new AppError(SmsErrors.sms_send_failed);
}

async function writeLog(entry: { receiver: string; text: string; secrets: string[]; response: string; success: boolean }) {
  if (!config().enableSmsLog) return;
  try {
    await db.smsLog.create({
      data: {
        receiver: entry.receiver,
        content: redactSecrets(entry.text, entry.secrets),
        response: redactSecrets(entry.response, entry.secrets).slice(0, 1000),
        success: entry.success,
      },
    });
  } catch (error) {
    console.error('[tessera] could not write the SMS log', error);
  }
}
