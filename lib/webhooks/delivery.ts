// One delivery attempt in the Standard Webhooks format (standardwebhooks package): POST the JSON
// envelope with webhook-id (the event id, the same for every retry and redelivery), webhook-timestamp
// (the attempt, in seconds) and webhook-signature (v1, HMAC-SHA256 of id.timestamp.body with the
// endpoint's whsec_ secret; during the 24 h after a rotation, one signature per live secret).
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { recordAudit } from '@/lib/audit';
import { config } from '@/lib/config';
import { decryptSecret } from '@/lib/crypto/encryption';
import { db, transaction } from '@/lib/db';

export const WEBHOOK_TIMEOUT_MS = 10_000;
/** A delivery is retried for this long after its first attempt, then marked failed. */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
const FIRST_RETRY_MS = 10_000;
const MAX_RETRY_DELAY_MS = 6 * 60 * 60 * 1000;
const RESPONSE_BODY_LIMIT = 1024;
/** The actor of changes the dispatcher makes on its own (disabling an endpoint). */
export const DISPATCHER_ACTOR = { type: 'system' as const, id: 'webhook-dispatcher', ip: '' };

/** Exponential back-off: 10 s, 40 s, 160 s, … capped at 6 h (within the 24 h window). */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(FIRST_RETRY_MS * 4 ** Math.max(0, failedAttempts - 1), MAX_RETRY_DELAY_MS);
}

/** A new signing secret: whsec_ + base64 of 24 random bytes (Standard Webhooks' format). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** The webhook-signature header: space-separated `v1,<base64>` entries, one per secret. */
export function signatureHeader(secrets: readonly string[], messageId: string, timestamp: Date, body: string): string {
  return secrets.map((secret) => new Webhook(secret).sign(messageId, timestamp, body)).join(' ');
}

/** The secrets that sign now: the current one, and the previous one until its 24 h are over. */
export function liveSecrets(endpoint: { secretEncrypted: string; previousSecretEncrypted: string | null; previousSecretExpiresAt: Date | null }, now = new Date()): string[] {
  const secrets = [decryptSecret(endpoint.secretEncrypted)];
  if (endpoint.previousSecretEncrypted && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) {
    secrets.push(decryptSecret(endpoint.previousSecretEncrypted));
  }
  return secrets;
}

interface HttpOutcome {
  status: number | null;
  latencyMs: number;
  responseBody: string;
  error: string | null;
}

async function readStart(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < RESPONSE_BODY_LIMIT) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT).toString('utf8');
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<HttpOutcome> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      // A receiver answers; it does not send us elsewhere (a 3xx is a failure, as in Standard Webhooks).
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    const responseBody = await readStart(response);
    return { status: response.status, latencyMs: Math.round(performance.now() - started), responseBody, error: null };
  } catch (error) {
    const reason = error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error);
    return { status: null, latencyMs: Math.round(performance.now() - started), responseBody: '', error: reason.slice(0, 500) };
  }
}

export type AttemptResult = 'succeeded' | 'pending' | 'failed';

/**
 * Sends delivery `deliveryId` once and records the attempt. `now` decides the schedule (tests move
 * it forward); signatures always carry the real time, which receivers check. Success (2xx) resets
 * the endpoint's failure count; a failure schedules the next attempt within 24 h of the first, then
 * marks the delivery failed, and deactivates the endpoint at WEBHOOK_DISABLE_AFTER_FAILURES failed
 * attempts in a row (audited). Test deliveries are tried once.
 */
export async function attemptDelivery(deliveryId: string, now = new Date()): Promise<AttemptResult> {
  const delivery = await db.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { webhook: true } });
  if (!delivery || delivery.status !== 'pending') return delivery?.status === 'succeeded' ? 'succeeded' : 'failed';
  const { webhook } = delivery;
  const body = JSON.stringify(delivery.payload);
  const sentAt = new Date();
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Tessera-Webhooks/1',
    'webhook-id': delivery.messageId,
    'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
    'webhook-signature': signatureHeader(liveSecrets(webhook, sentAt), delivery.messageId, sentAt, body),
  };
  const outcome = await post(webhook.url, headers, body);
  const ok = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
  const attempt = delivery.attempts + 1;
  const firstAttemptAt = delivery.firstAttemptAt ?? now;
  const deadline = firstAttemptAt.getTime() + RETRY_WINDOW_MS;
  const result: AttemptResult = ok ? 'succeeded' : delivery.isTest || now.getTime() >= deadline ? 'failed' : 'pending';
  const error = outcome.error ?? (ok ? null : outcome.status !== null && outcome.status >= 300 && outcome.status < 400 ? `redirect (${outcome.status}) not followed` : null);

  await transaction(async (tx) => {
    await tx.webhookDeliveryAttempt.create({
      data: { deliveryId, attempt, responseStatus: outcome.status, latencyMs: outcome.latencyMs, responseBody: outcome.responseBody, error },
    });
    await tx.webhookDelivery.update({
      where: { id: deliveryId },
      data: {
        status: result,
        attempts: attempt,
        firstAttemptAt,
        lastAttemptAt: now,
        lastResponseStatus: outcome.status,
        lastLatencyMs: outcome.latencyMs,
        lastResponseBody: outcome.responseBody,
        lastError: error,
        deliveredAt: ok ? now : null,
        nextAttemptAt: result === 'pending' ? new Date(Math.min(now.getTime() + retryDelayMs(attempt), deadline)) : null,
      },
    });
    if (delivery.isTest) return;
    if (ok) {
      if (webhook.consecutiveFailures) await tx.webhook.update({ where: { id: webhook.id }, data: { consecutiveFailures: 0 } });
      return;
    }
    const updated = await tx.webhook.update({ where: { id: webhook.id }, data: { consecutiveFailures: { increment: 1 } } });
    if (updated.isActive && updated.consecutiveFailures >= config().webhookDisableAfterFailures) {
      await tx.webhook.update({ where: { id: webhook.id }, data: { isActive: false, disabledAt: now } });
      await recordAudit(tx, DISPATCHER_ACTOR, {
        action: 'webhook.disabled',
        targetType: 'webhook',
        targetId: webhook.id,
        before: { isActive: true },
        after: { isActive: false, consecutiveFailures: updated.consecutiveFailures, lastError: error ?? `HTTP ${outcome.status}` },
      });
    }
  });
  return result;
}
