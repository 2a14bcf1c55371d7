// npm run serve (scripts/serve.mjs), the server the whole suite runs on: what it adds to Next's own
// handling. The client IP is the address of the connection, handed to the app through a channel no
// client can reach: headers a client sends to pose as another address change nothing.
// (Graceful shutdown on SIGTERM is proven in scripts/serve.test.ts, and used by every teardown.)
import { expect, test } from '@playwright/test';
import { adminApi } from './support/admin-api';
import { loadFixtures } from './support/fixtures';
import { newAddress } from './support/hosted';

test('the sign-in log records the address of the connection, never an address the client claims', async ({ browser }) => {
  const fixtures = loadFixtures();
  const email = newAddress('serve-ip');
  const context = await browser.newContext({
    extraHTTPHeaders: {
      'x-tessera-client-ip': '198.51.100.2',
      'x-tessera-client-ip-0123456789abcdef': '198.51.100.3',
      'x-forwarded-for': '198.51.100.4',
      'x-real-ip': '198.51.100.5',
    },
  });
  const page = await context.newPage();
  await page.goto(`${fixtures.baseURL}/admin`);
  const submit = page.getByRole('button', { name: 'Sign in', exact: true });
  await expect(submit).toBeEnabled({ timeout: 15_000 });
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('Not-the-password-1');
  await submit.click();
  await expect(page.getByText('The email or password is incorrect.')).toBeVisible();
  await context.close();

  const api = await adminApi(fixtures);
  const { status, body } = await api.call<{ logs: { ip: string; success: boolean }[] }>('GET', `/api/v1/logs/sign-in?email=${encodeURIComponent(email)}`);
  expect(status).toBe(200);
  expect(body.logs).toHaveLength(1);
  expect(body.logs[0]!.success).toBe(false);
  expect(['127.0.0.1', '::1']).toContain(body.logs[0]!.ip);
});
