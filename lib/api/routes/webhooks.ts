import { z } from 'zod';
import { EVENT_TYPES } from '@/lib/events/catalog';
import { WebhookErrors } from '@/lib/webhooks/errors';
import { createWebhookInput, updateWebhookInput } from '@/lib/webhooks/schemas';
import {
  createWebhook,
  deleteWebhook,
  getDelivery,
  getWebhook,
  listDeliveries,
  listEventTypes,
  listWebhooks,
  redeliver,
  rotateWebhookSecret,
  sendTestEvent,
  updateWebhook,
} from '@/lib/webhooks/service';
import { apiCaller } from '../actor';
import { defineApiRoute } from '../define';
import { pageWindow, paginationQuery } from '../pagination';

// Webhook endpoints: root only (an endpoint receives every kind of event, personal data included).
const tag = 'Webhooks';
const scopes = ['root'] as const;
const idParams = z.object({ id: z.string().uuid() });
const deliveryParams = z.object({ id: z.string().uuid(), deliveryId: z.string().uuid() });

const webhookRecord = z.object({
  id: z.string().uuid(),
  name: z.string(),
  url: z.string(),
  events: z.array(z.string()).describe('Event types delivered; empty = all'),
  isActive: z.boolean(),
  consecutiveFailures: z.number().int().describe('Failed attempts in a row; WEBHOOK_DISABLE_AFTER_FAILURES deactivate the endpoint'),
  disabledAt: z.string().nullable().describe('When failures deactivated it'),
  previousSecretExpiresAt: z.string().nullable().describe('Until then the secret before the last rotation signs too'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const secret = z.string().describe('The signing secret (whsec_…), shown this once: verify with any Standard Webhooks library');
const deliveryRecord = z.object({
  id: z.string().uuid(),
  webhookId: z.string().uuid(),
  messageId: z.string().describe('webhook-id: the event id, the same on every retry and redelivery'),
  event: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  isTest: z.boolean(),
  redelivery: z.boolean(),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastResponseStatus: z.number().int().nullable(),
  lastLatencyMs: z.number().int().nullable(),
  lastResponseBody: z.string().nullable().describe('The first 1 KB of the last response'),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});
const attemptRecord = z.object({
  attempt: z.number().int(),
  responseStatus: z.number().int().nullable(),
  latencyMs: z.number().int(),
  responseBody: z.string(),
  error: z.string().nullable(),
  createdAt: z.string(),
});

export const listEventTypesRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/webhooks/event-types',
  operationId: 'listEventTypes',
  summary: 'The event catalog: every type an endpoint can subscribe to (payload schemas: the document\'s `webhooks`)',
  tag,
  scopes,
  response: z.object({ eventTypes: z.array(z.object({ type: z.enum(EVENT_TYPES as [string, ...string[]]), version: z.number().int(), description: z.string() })) }),
  handler: async () => ({ eventTypes: listEventTypes() }),
});

export const listWebhooksRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/webhooks',
  operationId: 'listWebhooks',
  summary: 'List webhook endpoints',
  tag,
  scopes,
  response: z.object({ webhooks: z.array(webhookRecord) }),
  handler: async () => ({ webhooks: await listWebhooks() }),
});

export const createWebhookRoute = defineApiRoute({
  method: 'POST',
  path: '/api/v1/webhooks',
  operationId: 'createWebhook',
  summary: 'Create a webhook endpoint; its signing secret is in this response only',
  tag,
  scopes,
  body: createWebhookInput,
  response: z.object({ webhook: webhookRecord, secret }),
  successStatus: 201,
  errors: [WebhookErrors.invalid_webhook_url],
  handler: async ({ principal, body, ip }) => createWebhook(apiCaller(principal, ip), body),
});

export const getWebhookRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/webhooks/{id}',
  operationId: 'getWebhook',
  summary: 'Get a webhook endpoint',
  tag,
  scopes,
  params: idParams,
  response: z.object({ webhook: webhookRecord }),
  errors: [WebhookErrors.webhook_not_found],
  handler: async ({ params }) => ({ webhook: await getWebhook(params.id) }),
});

export const updateWebhookRoute = defineApiRoute({
  method: 'PUT',
  path: '/api/v1/webhooks/{id}',
  operationId: 'updateWebhook',
  summary: 'Update a webhook endpoint (isActive: true re-enables one disabled after failures)',
  tag,
  scopes,
  params: idParams,
  body: updateWebhookInput,
  response: z.object({ webhook: webhookRecord }),
  errors: [WebhookErrors.webhook_not_found, WebhookErrors.invalid_webhook_url],
  handler: async ({ principal, params, body, ip }) => ({ webhook: await updateWebhook(apiCaller(principal, ip), params.id, body) }),
});

export const deleteWebhookRoute = defineApiRoute({
  method: 'DELETE',
  path: '/api/v1/webhooks/{id}',
  operationId: 'deleteWebhook',
  summary: 'Delete a webhook endpoint and its delivery log',
  tag,
  scopes,
  params: idParams,
  successStatus: 204,
  errors: [WebhookErrors.webhook_not_found],
  handler: async ({ principal, params, ip }) => deleteWebhook(apiCaller(principal, ip), params.id),
});

export const rotateWebhookSecretRoute = defineApiRoute({
  method: 'POST',
  path: '/api/v1/webhooks/{id}/secret',
  operationId: 'rotateWebhookSecret',
  summary: 'New signing secret, shown once; for 24 h deliveries carry a signature with the old secret too',
  tag,
  scopes,
  params: idParams,
  response: z.object({ webhook: webhookRecord, secret }),
  errors: [WebhookErrors.webhook_not_found],
  handler: async ({ principal, params, ip }) => rotateWebhookSecret(apiCaller(principal, ip), params.id),
});

export const sendTestEventRoute = defineApiRoute({
  method: 'POST',
  path: '/api/v1/webhooks/{id}/test',
  operationId: 'sendWebhookTestEvent',
  summary: 'Send a webhook.test event to this endpoint now (once; the result is the delivery)',
  tag,
  scopes,
  params: idParams,
  response: z.object({ delivery: deliveryRecord }),
  errors: [WebhookErrors.webhook_not_found],
  handler: async ({ principal, params, ip }) => ({ delivery: await sendTestEvent(apiCaller(principal, ip), params.id) }),
});

export const listDeliveriesRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/webhooks/{id}/deliveries',
  operationId: 'listWebhookDeliveries',
  summary: 'The endpoint\'s delivery log, newest first',
  tag,
  scopes,
  params: idParams,
  query: paginationQuery,
  response: z.object({ deliveries: z.array(deliveryRecord), count: z.number().int() }),
  errors: [WebhookErrors.webhook_not_found],
  handler: async ({ params, query }) => listDeliveries(params.id, pageWindow(query)),
});

export const getDeliveryRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/webhooks/{id}/deliveries/{deliveryId}',
  operationId: 'getWebhookDelivery',
  summary: 'A delivery with every attempt (status, latency, response code, first 1 KB) and the payload sent',
  tag,
  scopes,
  params: deliveryParams,
  response: z.object({ delivery: deliveryRecord, attempts: z.array(attemptRecord), payload: z.unknown() }),
  errors: [WebhookErrors.delivery_not_found],
  handler: async ({ params }) => getDelivery(params.id, params.deliveryId),
});

export const redeliverRoute = defineApiRoute({
  method: 'POST',
  path: '/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver',
  operationId: 'redeliverWebhookDelivery',
  summary: 'Send a delivery\'s event again (same webhook-id), now, then with retries',
  tag,
  scopes,
  params: deliveryParams,
  response: z.object({ delivery: deliveryRecord }),
  successStatus: 201,
  errors: [WebhookErrors.delivery_not_found],
  handler: async ({ principal, params, ip }) => ({ delivery: await redeliver(apiCaller(principal, ip), params.id, params.deliveryId) }),
});
