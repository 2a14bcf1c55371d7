import { defineErrors } from '@/lib/errors';

export const WebhookErrors = defineErrors({
  webhook_not_found: { status: 404, message: 'No such webhook endpoint.' },
  delivery_not_found: { status: 404, message: 'No such delivery of this endpoint.' },
  invalid_webhook_url: { status: 400, message: 'The endpoint URL must be an absolute https URL (http only outside production), without credentials or fragment.' },
  unknown_event_type: { status: 400, message: 'Unknown event type.' },
});
