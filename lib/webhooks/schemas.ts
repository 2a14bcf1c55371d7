import { z } from 'zod';
import { EVENT_TYPES } from '@/lib/events/catalog';

// The webhook API's input schemas, free of server code so the dashboard's form validates with
// exactly what the API accepts. The URL's production rules (https, no private host) are checked
// by the service (lib/webhooks/url.ts), which knows the environment.

export const webhookUrl = z.string().trim().min(1).max(2000).describe('Receiver URL: https (http is accepted outside production)');
export const webhookEvents = z
  .array(z.enum(EVENT_TYPES as [string, ...string[]]))
  .max(EVENT_TYPES.length)
  .describe('Event types to deliver; empty or absent = every event');

export const createWebhookInput = z.object({
  name: z.string().trim().max(100).default(''),
  url: webhookUrl,
  events: webhookEvents.default([]),
});

export const updateWebhookInput = z.object({
  name: z.string().trim().max(100).optional(),
  url: webhookUrl.optional(),
  events: webhookEvents.optional(),
  isActive: z.boolean().optional().describe('true re-enables an endpoint disabled after failures (its failure count starts again)'),
});
