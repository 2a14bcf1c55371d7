// Org button colors on the hosted pages: the primary button's border and the secondary button's
// background, label and border (Melody's primaryButtonBorderColor and secondaryButton*Color) reach
// the rendered buttons through the CSS variables IdentityShell sets; without an org the buttons keep
// the default tokens. The org is made through the S2S API (the suite's server runs with ENABLE_ORG).
import { randomBytes } from 'node:crypto';
import { expect as baseExpect, test, type Locator } from '@playwright/test';
import { adminApi } from './support/admin-api';
import { scanAccessibility, screenshot } from './support/evidence';
import { loadFixtures } from './support/fixtures';
import { authorizationRequest, type RelyingParty } from './support/hosted';
import { createTestUser } from './support/users';

test.use({ locale: 'en-US', colorScheme: 'light' });
test.describe.configure({ timeout: 60_000 });
const expect = baseExpect.configure({ timeout: 15_000 });

const fixtures = loadFixtures();
const rp: RelyingParty = { baseURL: fixtures.baseURL, clientId: fixtures.clientId, redirectUri: fixtures.redirectUri, cliEnv: fixtures.cliEnv };
const suffix = randomBytes(3).toString('hex');
const org = { name: `Buttonco ${suffix}`, slug: `buttonco-${suffix}` };

test.beforeAll(async () => {
  const admin = await adminApi(fixtures);
  const created = await admin.call('POST', '/api/v1/orgs', {
    ...org,
    onlyUseForBrandingOverride: true,
    primaryButtonColor: '#0f5132',
    primaryButtonLabelColor: '#ffffff',
    primaryButtonBorderColor: '#7c2d12',
    secondaryButtonColor: '#fef3c7',
    secondaryButtonLabelColor: '#78350f',
    secondaryButtonBorderColor: '#b45309',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
});

async function expectColors(button: Locator, colors: { background: string; text: string; border: string }) {
  await expect(button).toHaveCSS('background-color', colors.background);
  await expect(button).toHaveCSS('color', colors.text);
  await expect(button).toHaveCSS('border-top-color', colors.border);
}

test('an org’s primary border and secondary button colors are applied; the defaults apply without an org', async ({ page }, testInfo) => {
  const user = await createTestUser(fixtures, 'button-colors');

  await page.goto(authorizationRequest(rp, { policy: 'delete_account' }).url);
  await expectColors(page.getByRole('button', { name: 'Sign in', exact: true }), {
    background: 'rgb(67, 56, 202)',
    text: 'rgb(255, 255, 255)',
    border: 'rgb(67, 56, 202)',
  });

  await page.goto(authorizationRequest(rp, { policy: 'delete_account', org: org.slug }).url);
  await expect(page.getByTestId('brand-name')).toHaveText(org.name);
  const submit = page.getByRole('button', { name: 'Sign in', exact: true });
  await expectColors(submit, { background: 'rgb(15, 81, 50)', text: 'rgb(255, 255, 255)', border: 'rgb(124, 45, 18)' });
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await submit.click();

  await page.waitForURL((url) => url.pathname === '/identity/v1/delete-account');
  await expectColors(page.getByRole('button', { name: 'Keep my account', exact: true }), {
    background: 'rgb(254, 243, 199)',
    text: 'rgb(120, 53, 15)',
    border: 'rgb(180, 83, 9)',
  });
  expect(await scanAccessibility(page, 'policy-delete-account-button-colors-en', testInfo)).toEqual([]);
  await screenshot(page, 'policy-delete-account-button-colors-en', testInfo);
});
