// Webhook endpoints and their delivery log (S2S /api/v1/webhooks and the dashboard; root only:
// webhooks carry every kind of event). Secrets are shown once, at creation and rotation, and stored
// encrypted because they must sign.
import { z } from 'zod';
import { recordAudit } from '@/lib/audit';
import { encryptSecret } from '@/lib/crypto/encryption';
import { db, transaction } from '@/lib/db';
import type { Prisma, Webhook, WebhookDelivery, WebhookDeliveryAttempt } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors';
import { EVENT_CATALOG, EVENT_TYPES, TEST_EVENT } from '@/lib/events/catalog';
import type { Caller } from '@/lib/access/principal';
import { attemptDelivery, newWebhookSecret } from './delivery';
import { WebhookErrors } from './errors';
import type { createWebhookInput, updateWebhookInput } from './schemas';
import { webhookUrlProblem } from './url';

/** How long the secret replaced by a rotation keeps signing. */
export const PREVIOUS_SECRET_VALIDITY_MS = 24 * 60 * 60 * 1000;

export function toWebhookRecord(row: Webhook) {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    events: row.events,
    isActive: row.isActive,
    consecutiveFailures: row.consecutiveFailures,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    previousSecretExpiresAt: row.previousSecretExpiresAt && row.previousSecretExpiresAt > new Date() ? row.previousSecretExpiresAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
export type WebhookRecord = ReturnType<typeof toWebhookRecord>;

export function toDeliveryRecord(row: WebhookDelivery) {
  return {
    id: row.id,
    webhookId: row.webhookId,
    messageId: row.messageId,
    event: row.event,
    status: row.status,
    isTest: row.isTest,
    redelivery: !row.isTest && row.position === null,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    lastResponseStatus: row.lastResponseStatus,
    lastLatencyMs: row.lastLatencyMs,
    lastResponseBody: row.lastResponseBody,
    lastError: row.lastError,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toAttemptRecord(row: WebhookDeliveryAttempt) {
  return {
    attempt: row.attempt,
    responseStatus: row.responseStatus,
    latencyMs: row.latencyMs,
    responseBody: row.responseBody,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
  };
}

function checkUrl(url: string): string {
  const problem = webhookUrlProblem(url);
  if (problem) throw new AppError(WebhookErrors.invalid_webhook_url, `The endpoint URL ${problem}.`, { url: problem });
  return url;
}

const auditView = (row: Webhook) => ({ name: row.name, url: row.url, events: row.events, isActive: row.isActive });

export function listEventTypes() {
  return EVENT_TYPES.map((type) => ({ type, version: EVENT_CATALOG[type].version, description: EVENT_CATALOG[type].description }));
}

export async function listWebhooks(): Promise<WebhookRecord[]> {
  return (await db.webhook.findMany({ orderBy: { createdAt: 'asc' } })).map(toWebhookRecord);
}

async function requireWebhook(id: string): Promise<Webhook> {
  const row = await db.webhook.findUnique({ where: { id } });
  if (!row) throw new AppError(WebhookErrors.webhook_not_found);
  return row;
}

export async function getWebhook(id: string): Promise<WebhookRecord> {
  return toWebhookRecord(await requireWebhook(id));
}

/** Creates an endpoint; `secret` (whsec_…) is returned this once. */
export async function createWebhook(caller: Caller, input: z.output<typeof createWebhookInput>): Promise<{ webhook: WebhookRecord; secret: string }> {
  const secret = newWebhookSecret();
  const row = await transaction(async (tx) => {
    const created = await tx.webhook.create({
      data: { name: input.name, url: checkUrl(input.url), events: [...new Set(input.events)], secretEncrypted: encryptSecret(secret) },
    });
    await recordAudit(tx, caller.actor, { action: 'webhook.created', targetType: 'webhook', targetId: created.id, after: auditView(created) });
    return created;
  });
  return { webhook: toWebhookRecord(row), secret };
}

export async function updateWebhook(caller: Caller, id: string, input: z.output<typeof updateWebhookInput>): Promise<WebhookRecord> {
  return transaction(async (tx) => {
    const before = await tx.webhook.findUnique({ where: { id } });
    if (!before) throw new AppError(WebhookErrors.webhook_not_found);
    const data: Prisma.WebhookUpdateInput = {};
    if (input.name !== undefined) data.name = input.name;
    if (input.url !== undefined) data.url = checkUrl(input.url);
    if (input.events !== undefined) data.events = [...new Set(input.events)];
    if (input.isActive !== undefined && input.isActive !== before.isActive) {
      data.isActive = input.isActive;
      // Re-enabled: it starts afresh; its queued deliveries resume.
      if (input.isActive) Object.assign(data, { consecutiveFailures: 0, disabledAt: null });
    }
    const after = await tx.webhook.update({ where: { id }, data });
    await recordAudit(tx, caller.actor, { action: 'webhook.updated', targetType: 'webhook', targetId: id, before: auditView(before), after: auditView(after) });
    return toWebhookRecord(after);
  });
}

export async function deleteWebhook(caller: Caller, id: string): Promise<void> {
  await transaction(async (tx) => {
    const before = await tx.webhook.findUnique({ where: { id } });
    if (!before) throw new AppError(WebhookErrors.webhook_not_found);
    await tx.webhook.delete({ where: { id } });
    await recordAudit(tx, caller.actor, { action: 'webhook.deleted', targetType: 'webhook', targetId: id, before: auditView(before) });
  });
}

/** A new secret (returned this once); the previous one keeps signing for 24 h, beside the new one. */
export async function rotateWebhookSecret(caller: Caller, id: string): Promise<{ webhook: WebhookRecord; secret: string }> {
  const secret = newWebhookSecret();
  const row = await transaction(async (tx) => {
    const before = await tx.webhook.findUnique({ where: { id } });
    if (!before) throw new AppError(WebhookErrors.webhook_not_found);
    const previousSecretExpiresAt = new Date(Date.now() + PREVIOUS_SECRET_VALIDITY_MS);
    const after = await tx.webhook.update({
      where: { id },
      data: { secretEncrypted: encryptSecret(secret), previousSecretEncrypted: before.secretEncrypted, previousSecretExpiresAt },
    });
    await recordAudit(tx, caller.actor, { action: 'webhook.secret_rotated', targetType: 'webhook', targetId: id, after: { previousSecretExpiresAt } });
    return after;
  });
  return { webhook: toWebhookRecord(row), secret };
}

export async function listDeliveries(webhookId: string, window: { take: number; skip: number }) {
  await requireWebhook(webhookId);
  const [rows, count] = await Promise.all([
    db.webhookDelivery.findMany({ where: { webhookId }, orderBy: [{ createdAt: 'desc' }, { position: 'desc' }], take: window.take, skip: window.skip }),
    db.webhookDelivery.count({ where: { webhookId } }),
  ]);
  return { deliveries: rows.map(toDeliveryRecord), count };
}

async function requireDelivery(webhookId: string, deliveryId: string) {
  const row = await db.webhookDelivery.findFirst({ where: { id: deliveryId, webhookId } });
  if (!row) throw new AppError(WebhookErrors.delivery_not_found);
  return row;
}

export async function getDelivery(webhookId: string, deliveryId: string) {
  const row = await requireDelivery(webhookId, deliveryId);
  const attempts = await db.webhookDeliveryAttempt.findMany({ where: { deliveryId }, orderBy: { attempt: 'asc' } });
  return { delivery: toDeliveryRecord(row), attempts: attempts.map(toAttemptRecord), payload: row.payload };
}

/**
 * Sends a delivery's event again, as a new delivery outside the endpoint's queue with the same
 * webhook-id (receivers that already have it can tell). Tried at once, then retried like any.
 */
export async function redeliver(caller: Caller, webhookId: string, deliveryId: string) {
  const original = await requireDelivery(webhookId, deliveryId);
  if (original.isTest) throw new AppError(WebhookErrors.delivery_not_found, 'Test deliveries are not redelivered: send a new test event.');
  const copy = await transaction(async (tx) => {
    const created = await tx.webhookDelivery.create({
      data: {
        webhookId,
        eventId: original.eventId,
        position: null,
        messageId: original.messageId,
        event: original.event,
        payload: original.payload as Prisma.InputJsonValue,
        // attempted below, by this request; the dispatcher takes over only for retries
        nextAttemptAt: null,
      },
    });
    await recordAudit(tx, caller.actor, { action: 'webhook.redelivered', targetType: 'webhook', targetId: webhookId, after: { deliveryId: created.id, of: deliveryId } });
    return created;
  });
  await attemptDelivery(copy.id);
  return toDeliveryRecord((await db.webhookDelivery.findUniqueOrThrow({ where: { id: copy.id } })));
}

/** Sends a webhook.test event to this endpoint only, now, once; the result is in the delivery log. */
export async function sendTestEvent(caller: Caller, webhookId: string) {
  await requireWebhook(webhookId);
  const messageId = crypto.randomUUID();
  const payload = {
    id: messageId,
    type: TEST_EVENT.type,
    version: TEST_EVENT.version,
    timestamp: new Date().toISOString(),
    actor: { type: caller.actor.type, id: caller.actor.id },
    data: TEST_EVENT.data.parse({ webhookId, message: 'This is a test event from Tessera Auth.' }),
  };
  const delivery = await transaction(async (tx) => {
    const created = await tx.webhookDelivery.create({
      data: { webhookId, messageId, event: TEST_EVENT.type, payload, isTest: true, nextAttemptAt: null },
    });
    await recordAudit(tx, caller.actor, { action: 'webhook.tested', targetType: 'webhook', targetId: webhookId, after: { deliveryId: created.id } });
    return created;
  });
  await attemptDelivery(delivery.id);
  return toDeliveryRecord(await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } }));
}
