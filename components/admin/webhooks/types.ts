/** A webhook endpoint as GET /api/v1/webhooks returns it. */
export interface WebhookEndpoint {
  id: string;
  name: string;
  url: string;
  events: string[];
  isActive: boolean;
  consecutiveFailures: number;
  disabledAt: string | null;
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookDelivery {
  id: string;
  messageId: string;
  event: string;
  status: 'pending' | 'succeeded' | 'failed';
  isTest: boolean;
  redelivery: boolean;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastResponseStatus: number | null;
  lastLatencyMs: number | null;
  lastResponseBody: string | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

export interface DeliveryAttempt {
  attempt: number;
  responseStatus: number | null;
  latencyMs: number;
  responseBody: string;
  error: string | null;
  createdAt: string;
}

export const WEBHOOKS_PATH = '/api/v1/webhooks';
export const webhookPath = (id: string) => `${WEBHOOKS_PATH}/${id}`;
