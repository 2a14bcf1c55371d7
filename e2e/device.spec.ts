// Device authorization grant (RFC 8628) with a real browser: the "device" (this test, over HTTP)
// gets a user code and polls; the user opens verification_uri_complete, confirms the code, signs in
// and consents on the hosted pages; the device then receives tokens.
import { expect, test, type Page } from '@playwright/test';
import { scanAccessibility, screenshot } from './support/evidence';
import { loadFixtures, type E2eFixtures } from './support/fixtures';

test.use({ locale: 'en-US' });

let fixtures: E2eFixtures;
test.beforeAll(() => {
  fixtures = loadFixtures();
});

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

async function post(path: string, form: Record<string, string>) {
  const response = await fetch(new URL(path, fixtures.baseURL), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

const startDevice = () => post('/oauth2/v1/device_authorization', { client_id: fixtures.clientId, scope: 'openid profile offline_access' });
const pollDevice = (deviceCode: string) => post('/oauth2/v1/token', { grant_type: DEVICE_GRANT, device_code: deviceCode, client_id: fixtures.clientId });

async function signIn(page: Page) {
  const submit = page.getByRole('button', { name: 'Sign in', exact: true });
  await expect(submit).toBeEnabled();
  await page.getByLabel('Email').fill(fixtures.users.primary.email);
  await page.getByLabel('Password').fill(fixtures.users.primary.password);
  await submit.click();
}

test('device flow: confirm the prefilled code, sign in, consent → the device gets tokens', async ({ page }, testInfo) => {
  const device = await startDevice();
  expect(device.status).toBe(200);
  expect(device.body.verification_uri).toBe(`${fixtures.baseURL}/identity/v1/device`);
  expect((await pollDevice(device.body.device_code)).body.error).toBe('authorization_pending');

  await page.goto(device.body.verification_uri_complete);
  await expect(page.getByRole('heading', { level: 1, name: 'Connect a device' })).toBeVisible();
  const code = page.getByLabel('Code');
  await expect(code).toHaveValue(device.body.user_code);
  await screenshot(page, 'device-code-en', testInfo);
  await scanAccessibility(page, 'device-code-en', testInfo);
  const next = page.getByRole('button', { name: 'Continue', exact: true });
  await expect(next).toBeEnabled();
  await next.click();

  await page.waitForURL((url) => url.pathname === '/identity/v1/sign-in');
  await signIn(page);
  await page.waitForURL((url) => url.pathname === '/identity/v1/consent');
  const allow = page.getByRole('button', { name: 'Allow', exact: true });
  await expect(allow).toBeEnabled();
  await allow.click();

  await page.waitForURL((url) => url.pathname === '/identity/v1/device/complete');
  await expect(page.getByRole('heading', { level: 1, name: 'Device connected' })).toBeVisible();
  await screenshot(page, 'device-connected-en', testInfo);
  await scanAccessibility(page, 'device-connected-en', testInfo);

  const tokens = await pollDevice(device.body.device_code);
  expect(tokens.status).toBe(200);
  expect(tokens.body.access_token).toBeTruthy();
  expect(tokens.body.refresh_token).toBeTruthy();
  expect((await pollDevice(device.body.device_code)).body.error).toBe('invalid_grant');
});

test('a wrong code is reported on the field, in Chinese with locale=zh-CN; typed in lower case the right one works', async ({ page }, testInfo) => {
  const device = await startDevice();
  await page.goto(`${fixtures.baseURL}/identity/v1/device?locale=zh-CN`);
  await expect(page.getByRole('heading', { level: 1, name: '连接设备' })).toBeVisible();
  const code = page.getByLabel('代码');
  const next = page.getByRole('button', { name: '继续', exact: true });
  await expect(next).toBeEnabled();

  await code.fill('BCDF-GHJK');
  await next.click();
  await expect(page.getByText('此代码无效或已过期。请核对设备上的代码，或在设备上重新获取。')).toBeVisible();
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await expect(code).toBeFocused();
  await screenshot(page, 'device-code-invalid-zh-CN', testInfo);
  await scanAccessibility(page, 'device-code-invalid-zh-CN', testInfo);

  await code.fill(device.body.user_code!.replace('-', '').toLowerCase());
  await next.click();
  // The sign-in continues in the language the device page was shown in.
  await page.waitForURL((url) => url.pathname === '/identity/v1/sign-in');
  const submit = page.getByRole('button', { name: '登录', exact: true });
  await expect(submit).toBeEnabled();
  await page.getByLabel('电子邮箱').fill(fixtures.users.primary.email);
  await page.getByLabel('密码').fill(fixtures.users.primary.password);
  await submit.click();
  await page.waitForURL((url) => url.pathname === '/identity/v1/consent');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.getByRole('button', { name: '拒绝', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/identity/v1/device/complete');
  await expect(page.getByRole('heading', { level: 1, name: '设备未连接' })).toBeVisible();
  expect((await pollDevice(device.body.device_code)).body.error).toBe('access_denied');
});
