import { defineErrors } from '@/lib/errors';

export const SmsErrors = defineErrors({
  invalid_phone_number: {
    status: 400,
    message: 'The phone number must be in international E.164 format: + followed by 8 to 15 digits.',
  },
  sms_country_not_allowed: { status: 400, message: 'SMS cannot be sent to this country (SMS_ALLOWED_COUNTRY_CODES).' },
  invalid_sms_text: { status: 400, message: 'The SMS text must be between 1 and 1600 characters.' },
  sms_not_configured: {
    status: 503,
    message: 'SMS delivery is not configured: set TWILIO_ACCOUNT_ID, TWILIO_AUTH_TOKEN and TWILIO_SENDER_NUMBER, or DEV_OUTBOX=true.',
  },
  sms_send_failed: { status: 502, message: 'The SMS could not be sent.' },
});
