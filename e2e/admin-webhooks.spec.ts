// /admin/webhooks and the HTTP pre-sign-in hook, on one server of their own (HOOK_* variables; the
// in-process dispatcher delivers webhooks every second). A receiver in this process checks every
// signature with the standardwebhooks library. A super_admin adds an endpoint by keyboard (secret
// shown once), sends a test event, sees a real event delivered, views and redelivers it, rotates the
// secret (both secrets verify for 24 h) and deletes the endpoint; a read_user admin gets the section
// denied and its forced write 403; a plain user gets no access. A pre-sign-in hook that denies shows
// its message, in the page's language, on the hosted sign-in page. axe (light and dark) on each state.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { adminPage, apiFromPage, checkA11y, createAdminWithScopes, createPlainUser, createSuperAdmin } from './support/admin-ui';
import { loadFixtures, type E2eFixtures, type E2eUser } from './support/fixtures';
import { authorizationRequest, startOwnServer } from './support/hosted';
import { createTestUser } from './support/users';

test.describe.configure({ timeout: 240_000 });
const expect = baseExpect.configure({ timeout: 15_000 });

const HOOK_SECRET = `whsec_${Buffer.from('e2e-hook-secret-0123456789ab').toString('base64')}`;

interface Received {
  id: string;
  type: string;
  /** Which of the secrets known at the time verified it ('' = none). */
  verifiedWith: string;
}

let fixtures: E2eFixtures;
let superAdmin: E2eUser;
let stop: () => Promise<void>;
let receiver: http.Server;
let receiverUrl = '';
let receiverSecrets: string[] = [];
const received: Received[] = [];
let hook: http.Server;
const hookCalls: { verified: boolean; email: string }[] = [];

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  receiver = http.createServer(async (request, response) => {
    const body = await readBody(request);
    let verifiedWith = '';
    let payload: { type?: string } = {};
    for (const secret of receiverSecrets) {
      try {
        payload = new Webhook(secret).verify(body, request.headers as Record<string, string>) as { type?: string };
        verifiedWith = secret;
        break;
      } catch {
        // another secret may match
      }
    }
    received.push({ id: String(request.headers['webhook-id']), type: payload.type ?? '', verifiedWith });
    response.writeHead(verifiedWith ? 200 : 401, { 'content-type': 'text/plain' }).end(verifiedWith ? 'ok' : 'bad signature');
  });
  receiverUrl = `http://127.0.0.1:${await listen(receiver)}/in`;

  // The pre-sign-in hook: refuses accounts whose address starts with e2e-review-.
  hook = http.createServer(async (request, response) => {
    const body = await readBody(request);
    let verified = true;
    let event: { data?: { user?: { email?: string } } } = {};
    try {
      event = new Webhook(HOOK_SECRET).verify(body, request.headers as Record<string, string>) as typeof event;
    } catch {
      verified = false;
    }
    const email = event.data?.user?.email ?? '';
    hookCalls.push({ verified, email });
    const deny = email.startsWith('e2e-review-');
    response.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify(deny ? { decision: 'deny', message: { en: 'Your account is under review.', fr: 'Votre compte est en cours de vérification.' } } : { decision: 'allow' }),
    );
  });
  const hookUrl = `http://127.0.0.1:${await listen(hook)}/before-sign-in`;

  const server = await startOwnServer('admin-webhooks', { HOOK_BEFORE_SIGN_IN_URL: hookUrl, HOOK_SECRET });
  stop = server.stop;
  fixtures = { ...loadFixtures(), baseURL: server.baseURL, issuer: server.baseURL, clientId: server.clientId, redirectUri: server.redirectUri, cliEnv: server.cliEnv };
  superAdmin = await createSuperAdmin(fixtures, 'webhooks-super');
});

test.afterAll(async () => {
  await stop?.();
  receiver?.closeAllConnections();
  hook?.closeAllConnections();
  await Promise.all([receiver, hook].map((server) => new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))));
});

const toast = (page: Page) => page.getByTestId('toasts-status');
const row = (page: Page, text: string) => page.getByTestId('data-row').filter({ hasText: text });

test('a pre-sign-in hook that denies shows its message on the hosted page, in the page\'s language', async ({ browser }, testInfo) => {
  const blocked = await createTestUser(fixtures, 'review');
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  const rp = { baseURL: fixtures.baseURL, clientId: fixtures.clientId, redirectUri: fixtures.redirectUri, cliEnv: fixtures.cliEnv };
  await page.goto(authorizationRequest(rp, { locale: 'fr' }).url);
  const form = page.getByTestId('sign-in-form');
  await expect(form.getByRole('button', { name: 'Se connecter', exact: true })).toBeEnabled();
  await form.getByLabel('Adresse e-mail').fill(blocked.email);
  await form.getByLabel('Mot de passe').fill(blocked.password);
  await form.getByRole('button', { name: 'Se connecter', exact: true }).click();
  await expect(form.getByRole('alert')).toContainText('Votre compte est en cours de vérification.');
  await expect(page).toHaveURL(/\/identity\/v1\/sign-in\?/);
  await checkA11y(page, 'pre-sign-in-hook-denied', testInfo);
  expect(hookCalls.at(-1)).toEqual({ verified: true, email: blocked.email });
  await context.close();
});

test('a super_admin adds an endpoint, tests it, sees deliveries, redelivers, rotates the secret and deletes it', async ({ browser }, testInfo) => {
  const { context, page } = await adminPage(browser, superAdmin, `${fixtures.baseURL}/admin/webhooks`);
  await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
  await expect(page.getByTestId('empty-state')).toContainText('No webhook endpoints yet.');
  await checkA11y(page, 'admin-webhooks-empty', testInfo);

  // Add, by keyboard: name, URL, one event type.
  await page.getByRole('button', { name: 'Add endpoint' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Add a webhook endpoint' });
  await dialog.getByRole('textbox', { name: 'Name' }).focus();
  await page.keyboard.type('CRM sync');
  await page.keyboard.press('Tab');
  await page.keyboard.type(receiverUrl);
  await dialog.getByRole('checkbox', { name: 'identity.user.created' }).focus();
  await page.keyboard.press('Space');
  await checkA11y(page, 'admin-webhooks-create', testInfo);
  await dialog.getByRole('button', { name: 'Create', exact: true }).press('Enter');
  const secretDialog = page.getByRole('dialog', { name: 'Signing secret of CRM sync' });
  const firstSecret = await secretDialog.getByTestId('webhook-secret').inputValue();
  expect(firstSecret).toMatch(/^whsec_/);
  receiverSecrets = [firstSecret];
  await checkA11y(page, 'admin-webhooks-secret', testInfo);
  await secretDialog.getByRole('button', { name: 'I have saved it' }).click();
  await expect(row(page, 'CRM sync')).toContainText('identity.user.created');

  // Open it; a test event is delivered and verified by the receiver.
  await page.getByRole('link', { name: 'Open CRM sync' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'CRM sync' })).toBeVisible();
  await page.getByRole('button', { name: 'Send test event' }).click();
  await expect(toast(page)).toContainText('Test event delivered (HTTP 200).');
  expect(received.at(-1)).toMatchObject({ type: 'webhook.test', verifiedWith: firstSecret });
  await expect(row(page, 'webhook.test')).toContainText('Delivered');

  // A real change: a new user is delivered by the server's dispatcher within seconds.
  await createTestUser(fixtures, 'hooked');
  await expect
    .poll(() => received.filter((entry) => entry.type === 'identity.user.created' && entry.verifiedWith === firstSecret).length, { timeout: 20_000 })
    .toBe(1);
  await page.reload();
  const delivered = row(page, 'identity.user.created');
  await expect(delivered).toContainText('Delivered');
  await checkA11y(page, 'admin-webhook-detail', testInfo);

  await delivered.getByRole('button', { name: 'View the delivery of identity.user.created' }).click();
  const deliveryDialog = page.getByRole('dialog', { name: 'Delivery of identity.user.created' });
  await expect(deliveryDialog).toContainText(/Attempt 1: 200, \d+ ms/);
  await checkA11y(page, 'admin-webhook-delivery', testInfo);
  await page.keyboard.press('Escape');

  const firstId = received.find((entry) => entry.type === 'identity.user.created')!.id;
  await delivered.getByRole('button', { name: 'Redeliver identity.user.created' }).click();
  await expect(toast(page)).toContainText('Event sent again: 200.');
  expect(received.filter((entry) => entry.id === firstId)).toHaveLength(2);

  // Rotation: a new secret, shown once; for 24 h both verify.
  await page.getByRole('button', { name: 'Rotate secret' }).click();
  await page.getByRole('alertdialog', { name: 'Rotate the secret of CRM sync?' }).getByRole('button', { name: 'Rotate secret' }).click();
  const rotated = page.getByRole('dialog', { name: 'Signing secret of CRM sync' });
  const secondSecret = await rotated.getByTestId('webhook-secret').inputValue();
  expect(secondSecret).not.toBe(firstSecret);
  await rotated.getByRole('button', { name: 'I have saved it' }).click();
  await expect(page.getByText(/The previous secret signs too until/)).toBeVisible();
  for (const only of [firstSecret, secondSecret]) {
    receiverSecrets = [only];
    await page.getByRole('button', { name: 'Send test event' }).click();
    await expect.poll(() => received.at(-1)?.verifiedWith).toBe(only);
  }

  // Delete, by typing the name.
  await page.getByRole('link', { name: 'All endpoints' }).click();
  await page.getByRole('button', { name: 'Delete CRM sync' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete the endpoint CRM sync?' });
  await confirm.getByRole('textbox').fill('CRM sync');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(toast(page)).toContainText('Endpoint CRM sync deleted.');
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await context.close();
});

test('an admin without root gets the section denied and a 403 on a forced write; a plain user gets no access', async ({ browser }, testInfo) => {
  const reader = await createAdminWithScopes(fixtures, 'webhooks-reader', ['read_user']);
  const { context, page } = await adminPage(browser, reader, `${fixtures.baseURL}/admin/webhooks`);
  await expect(page.getByTestId('admin-section-denied')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Dashboard sections' }).getByRole('link', { name: 'Webhooks' })).toHaveCount(0);
  await checkA11y(page, 'admin-webhooks-denied', testInfo);
  const forced = await apiFromPage(page, '/api/v1/webhooks', { method: 'POST', body: { url: receiverUrl } });
  expect(forced.status).toBe(403);
  await context.close();

  const plain = await createPlainUser(fixtures, 'webhooks-plain');
  const visit = await adminPage(browser, plain, `${fixtures.baseURL}/admin/webhooks`);
  await expect(visit.page.getByRole('heading', { level: 1 })).toHaveText('No access');
  await visit.context.close();
});
