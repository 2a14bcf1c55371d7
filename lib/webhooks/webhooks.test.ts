// Outgoing webhooks (issue #17 point 2) against a real receiver on 127.0.0.1 that checks every
// signature with the standardwebhooks library's verifier (not our code): the events of a sign-up,
// a sign-in, a role change and a deletion arrive in order, exactly once each, also after an outage
// (the retries are in the delivery log); back-off, the 24 h limit, disabling, rotation, test
// events, redelivery and the URL rules.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { config, overrideConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { publishEvents } from '@/lib/events';
import { signInWithPassword } from '@/lib/identity/sign-in';
import { signUp } from '@/lib/identity/sign-up';
import { callApi, s2sToken } from '@/lib/api/testing';
import { createWebhookRoute, listWebhooksRoute } from '@/lib/api/routes/webhooks';
import { makeUser } from '@/lib/testing/factories';
import { startFlow } from '@/lib/testing/flows';
import { deleteUser, updateUser } from '@/lib/users/admin';
import { RETRY_WINDOW_MS, retryDelayMs } from './delivery';
import { dispatchOnce } from './dispatcher';
import { createWebhook, getDelivery, listDeliveries, redeliver, rotateWebhookSecret, sendTestEvent, updateWebhook } from './service';

const ROOT = { actor: { type: 'app' as const, id: 'test-root-app', ip: '' }, scopes: ['root'] };
const original = config();

interface Received {
  id: string;
  type: string;
  data: Record<string, unknown>;
  verified: boolean;
  answered: number;
}

let server: http.Server;
let receiverUrl: string;
/** Secrets the receiver verifies with (one Webhook verifier each; any may match). */
let secrets: string[] = [];
/** What the receiver answers: 200 normally, 503 while "down". */
let answer = 200;
let received: Received[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = {
        'webhook-id': String(request.headers['webhook-id'] ?? ''),
        'webhook-timestamp': String(request.headers['webhook-timestamp'] ?? ''),
        'webhook-signature': String(request.headers['webhook-signature'] ?? ''),
      };
      let verified = false;
      let payload: { id: string; type: string; data: Record<string, unknown> } | undefined;
      for (const secret of secrets) {
        try {
          payload = new Webhook(secret).verify(body, headers) as typeof payload;
          verified = true;
          break;
        } catch {
          // not this secret
        }
      }
      const status = verified ? answer : 401;
      received.push({ id: headers['webhook-id'], type: payload?.type ?? '', data: payload?.data ?? {}, verified, answered: status });
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: status === 200, note: 'x'.repeat(2000) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(async () => {
  overrideConfigForTesting({ ...original, enableUserAppConsent: false, environment: 'dev', isProduction: false, webhookDisableAfterFailures: 15 });
  await db.webhook.deleteMany({});
  // Events of earlier tests are published to no endpoint.
  while ((await publishEvents()) > 0);
  received = [];
  answer = 200;
});

afterEach(() => overrideConfigForTesting({ ...original }));

async function endpoint(events: string[] = []) {
  const { webhook, secret } = await createWebhook(ROOT, { name: 'receiver', url: receiverUrl, events });
  secrets = [secret];
  return { webhook, secret };
}

const accepted = () => received.filter((entry) => entry.answered === 200);

describe('the acceptance scenario', () => {
  const FOUR = ['identity.user.created', 'identity.auth.login.succeeded', 'identity.role.assigned', 'identity.user.deleted'];

  async function scenario() {
    const role = await db.role.create({ data: { name: `auditor-${Math.random().toString(36).slice(2, 8)}` } });
    const email = `hooked-${Math.random().toString(36).slice(2, 8)}@example.test`;
    const password = 'Sign-up-Pass-1';
    await signUp(await startFlow(), { email, password, firstName: 'Ada', lastName: 'Hook' });
    const user = await db.user.findFirstOrThrow({ where: { email } });
    await signInWithPassword(await startFlow(), { email, password });
    await updateUser(ROOT, user.id, { roles: [role.name] });
    await deleteUser(ROOT, user.id);
    return { user, role };
  }

  it('a receiver verified by standardwebhooks gets sign-up, sign-in, role change and deletion in order, exactly once each', async () => {
    await endpoint(FOUR);
    const { user, role } = await scenario();
    const result = await dispatchOnce();
    expect(result.attempted).toBe(5);

    expect(received.every((entry) => entry.verified)).toBe(true);
    expect(received.map((entry) => entry.type)).toEqual([
      'identity.user.created',
      'identity.auth.login.succeeded',
      'identity.auth.login.succeeded',
      'identity.role.assigned',
      'identity.user.deleted',
    ]);
    expect(received[0]!.data).toMatchObject({ via: 'sign_up', user: { authId: user.id, email: user.email, firstName: 'Ada' } });
    expect(received[1]!.data).toMatchObject({ authId: user.id, method: 'sign_up' });
    expect(received[2]!.data).toMatchObject({ authId: user.id, method: 'password' });
    expect(received[3]!.data).toEqual({ authId: user.id, role: role.name });
    expect(received[4]!.data).toEqual({ authId: user.id });
    expect(new Set(received.map((entry) => entry.id)).size).toBe(5);

    // Nothing is sent twice: a later run finds no work.
    expect(await dispatchOnce()).toEqual({ published: 0, attempted: 0 });
    expect(received).toHaveLength(5);
  });

  it('after a receiver outage: retries with back-off, then every event in order, exactly once, the failures in the delivery log', async () => {
    const { webhook } = await endpoint(FOUR);
    await scenario();
    answer = 503;
    let now = new Date();
    await dispatchOnce(now);
    // The head of the queue failed; nothing behind it was sent (order).
    expect(received.map((entry) => entry.answered)).toEqual([503]);
    // Not due yet: no attempt.
    await dispatchOnce(new Date(now.getTime() + retryDelayMs(1) - 1000));
    expect(received).toHaveLength(1);
    for (let failed = 1; failed <= 3; failed += 1) {
      now = new Date(now.getTime() + retryDelayMs(failed));
      await dispatchOnce(now);
    }
    expect(received.map((entry) => entry.answered)).toEqual([503, 503, 503, 503]);
    expect(new Set(received.map((entry) => entry.id)).size).toBe(1);

    answer = 200;
    now = new Date(now.getTime() + retryDelayMs(4));
    await dispatchOnce(now);
    expect(accepted().map((entry) => entry.type)).toEqual([
      'identity.user.created',
      'identity.auth.login.succeeded',
      'identity.auth.login.succeeded',
      'identity.role.assigned',
      'identity.user.deleted',
    ]);
    const ids = accepted().map((entry) => entry.id);
    expect(new Set(ids).size).toBe(5);
    // The retried event kept its webhook-id.
    expect(ids[0]).toBe(received[0]!.id);

    const { deliveries } = await listDeliveries(webhook.id, { take: 10, skip: 0 });
    expect(deliveries.every((delivery) => delivery.status === 'succeeded')).toBe(true);
    const first = deliveries.find((delivery) => delivery.event === 'identity.user.created')!;
    expect(first.attempts).toBe(5);
    const detail = await getDelivery(webhook.id, first.id);
    expect(detail.attempts.map((attempt) => attempt.responseStatus)).toEqual([503, 503, 503, 503, 200]);
    expect(detail.attempts.every((attempt) => attempt.latencyMs >= 0)).toBe(true);
    // The first 1 KB of the response is kept.
    expect(detail.attempts[0]!.responseBody).toHaveLength(1024);
    expect((await db.webhook.findUniqueOrThrow({ where: { id: webhook.id } })).consecutiveFailures).toBe(0);
  });
});

describe('delivery rules', () => {
  it('filters per endpoint: an endpoint gets only the types it subscribed to; an empty list means all', async () => {
    const { webhook: apps } = await createWebhook(ROOT, { name: 'apps', url: `${receiverUrl}?apps`, events: ['app.created'] });
    const { webhook: all, secret } = await createWebhook(ROOT, { name: 'all', url: `${receiverUrl}?all`, events: [] });
    secrets = [secret, ...secrets];
    await makeUser();
    await dispatchOnce();
    expect((await listDeliveries(apps.id, { take: 10, skip: 0 })).count).toBe(0);
    expect((await listDeliveries(all.id, { take: 10, skip: 0 })).deliveries.map((delivery) => delivery.event)).toEqual(['identity.user.created']);
  });

  it('gives up after 24 h of retries (failed), and the next event goes out', async () => {
    const { webhook } = await endpoint(['identity.user.created']);
    await makeUser();
    await makeUser();
    answer = 500;
    const start = new Date();
    await dispatchOnce(start);
    let now = start;
    for (let failed = 1; now.getTime() < start.getTime() + RETRY_WINDOW_MS; failed += 1) {
      now = new Date(Math.min(now.getTime() + retryDelayMs(failed), start.getTime() + RETRY_WINDOW_MS));
      await dispatchOnce(now);
    }
    const attempts = received.length;
    // 10 s, 40 s, 160 s, … capped at 6 h: 11 attempts in 24 h, plus the first try of the next event
    expect(attempts).toBe(12);
    const { deliveries } = await listDeliveries(webhook.id, { take: 10, skip: 0 });
    const failed = deliveries.filter((delivery) => delivery.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.attempts).toBe(attempts - 1);
    // The next event was tried right after, in the same run, and waits for its retry.
    answer = 200;
    await dispatchOnce(new Date(now.getTime() + retryDelayMs(1)));
    expect(accepted()).toHaveLength(1);
    expect(accepted()[0]!.id).not.toBe(received[0]!.id);
  });

  it('disables an endpoint after WEBHOOK_DISABLE_AFTER_FAILURES failed attempts in a row, audited; re-enabling resumes its queue', async () => {
    overrideConfigForTesting({ webhookDisableAfterFailures: 3 });
    const { webhook } = await endpoint(['identity.user.created']);
    await makeUser();
    answer = 502;
    let now = new Date();
    for (let failed = 0; failed < 3; failed += 1) {
      await dispatchOnce(now);
      now = new Date(now.getTime() + retryDelayMs(failed + 1));
    }
    const disabled = await db.webhook.findUniqueOrThrow({ where: { id: webhook.id } });
    expect(disabled).toMatchObject({ isActive: false, consecutiveFailures: 3 });
    expect(disabled.disabledAt).not.toBeNull();
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'webhook.disabled', targetId: webhook.id } });
    expect(audit).toMatchObject({ actorType: 'system', actorId: 'webhook-dispatcher' });
    // Disabled: nothing more is sent.
    await dispatchOnce(new Date(now.getTime() + 86_400_000));
    expect(received).toHaveLength(3);

    answer = 200;
    await updateWebhook(ROOT, webhook.id, { isActive: true });
    await dispatchOnce(new Date(now.getTime() + 86_400_000));
    expect(accepted()).toHaveLength(1);
  });

  it('a rolled-back change leaves no event behind', async () => {
    await endpoint([]);
    await expect(makeUser({ roles: ['no-such-role'] })).rejects.toMatchObject({ code: 'unknown_role' });
    await dispatchOnce();
    expect(received).toHaveLength(0);
  });
});

describe('secrets, test events, redelivery', () => {
  it('after a rotation both secrets verify for 24 h; afterwards only the new one', async () => {
    const { webhook, secret: oldSecret } = await endpoint([]);
    const { secret: newSecret, webhook: rotated } = await rotateWebhookSecret(ROOT, webhook.id);
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(oldSecret);
    expect(rotated.previousSecretExpiresAt).not.toBeNull();

    for (const only of [oldSecret, newSecret]) {
      secrets = [only];
      const delivery = await sendTestEvent(ROOT, webhook.id);
      expect(delivery).toMatchObject({ status: 'succeeded', isTest: true, event: 'webhook.test' });
    }
    await db.webhook.update({ where: { id: webhook.id }, data: { previousSecretExpiresAt: new Date(Date.now() - 1000) } });
    secrets = [oldSecret];
    expect((await sendTestEvent(ROOT, webhook.id)).status).toBe('failed');
    secrets = [newSecret];
    expect((await sendTestEvent(ROOT, webhook.id)).status).toBe('succeeded');
    expect(received.map((entry) => entry.verified)).toEqual([true, true, false, true]);
  });

  it('a test event goes to its endpoint only, once, and is logged; the secret appears in no record', async () => {
    const { webhook, secret } = await endpoint([]);
    answer = 500;
    const delivery = await sendTestEvent(ROOT, webhook.id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastResponseStatus: 500 });
    await dispatchOnce(new Date(Date.now() + 86_400_000));
    expect(received).toHaveLength(1);
    const stored = JSON.stringify(await db.webhook.findUniqueOrThrow({ where: { id: webhook.id } }));
    expect(stored).not.toContain(secret.slice(6));
  });

  it('redelivers an event with the same webhook-id, outside the queue', async () => {
    const { webhook } = await endpoint(['identity.user.created']);
    await makeUser();
    await dispatchOnce();
    const [first] = (await listDeliveries(webhook.id, { take: 1, skip: 0 })).deliveries;
    const again = await redeliver(ROOT, webhook.id, first!.id);
    expect(again).toMatchObject({ status: 'succeeded', redelivery: true, messageId: first!.messageId });
    expect(received.map((entry) => entry.id)).toEqual([first!.messageId, first!.messageId]);
  });
});

describe('endpoint URLs and access', () => {
  it('production refuses http and internal hosts; development accepts an http receiver', async () => {
    overrideConfigForTesting({ environment: 'prod', isProduction: true });
    for (const url of ['http://hooks.example.test/in', 'https://127.0.0.1/in', 'https://localhost:8443/in', 'https://[::1]/in', 'https://10.1.2.3/in', 'https://192.168.0.5/in', 'https://169.254.169.254/latest']) {
      await expect(createWebhook(ROOT, { name: '', url, events: [] })).rejects.toMatchObject({ code: 'invalid_webhook_url' });
    }
    await expect(createWebhook(ROOT, { name: '', url: 'https://user:pw@hooks.example.test/in', events: [] })).rejects.toMatchObject({ code: 'invalid_webhook_url' });
    const ok = await createWebhook(ROOT, { name: '', url: 'https://hooks.example.test/in', events: [] });
    await expect(updateWebhook(ROOT, ok.webhook.id, { url: 'http://hooks.example.test/in' })).rejects.toMatchObject({ code: 'invalid_webhook_url' });
    overrideConfigForTesting({ environment: 'dev', isProduction: false });
    expect((await createWebhook(ROOT, { name: '', url: 'http://127.0.0.1:9/in', events: [] })).webhook.url).toBe('http://127.0.0.1:9/in');
  });

  it('the S2S API needs root: a read_user token is refused, a root token creates (secret once) and lists (no secret)', async () => {
    const weak = await s2sToken(['read_user', 'write_user']);
    expect((await callApi(listWebhooksRoute, { token: weak })).status).toBe(403);
    expect((await callApi(createWebhookRoute, { token: weak, body: { url: receiverUrl } })).status).toBe(403);
    const root = await s2sToken(['root']);
    const created = await callApi(createWebhookRoute, { token: root, body: { url: receiverUrl, events: ['identity.user.deleted'] } });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    const listed = await callApi(listWebhooksRoute, { token: root });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
    expect((await callApi(createWebhookRoute, { token: root, body: { url: receiverUrl, events: ['no.such.event'] } })).status).toBe(400);
  });
});
