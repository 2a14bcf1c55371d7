// An invitation from the S2S API (POST /api/v1/users/invitations) accepted in the browser: the
// emailed link, a password by the self-service rule, then a sign-in with it.
import { expect as baseExpect, test } from '@playwright/test';
import { scanAccessibility, screenshot } from './support/evidence';
import { loadFixtures } from './support/fixtures';
import { authorizationRequest, finishAtCallback, interceptCallback, linkIn, newAddress, STRONG_PASSWORD, waitForEmail, type RelyingParty } from './support/hosted';
import { cli } from './support/server';

test.use({ locale: 'en-US' });
test.describe.configure({ timeout: 90_000 });
const expect = baseExpect.configure({ timeout: 15_000 });

const fixtures = loadFixtures();
const rp: RelyingParty = { baseURL: fixtures.baseURL, clientId: fixtures.clientId, redirectUri: fixtures.redirectUri, cliEnv: fixtures.cliEnv };

async function invite(email: string): Promise<void> {
  const app = await cli(fixtures.cliEnv, ['app', 'create', '--name', 'E2E inviter', '--type', 's2s', '--scope', 'write_user']);
  const basic = Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64');
  const token = await fetch(`${rp.baseURL}/oauth2/v1/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'write_user' }),
  });
  expect(token.status).toBe(200);
  const { access_token: accessToken } = (await token.json()) as { access_token: string };
  const invited = await fetch(`${rp.baseURL}/api/v1/users/invitations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email, firstName: 'Ivy', signinUrl: `${rp.baseURL}/` }),
  });
  expect(invited.status, await invited.clone().text()).toBe(201);
}

test('the invited user sets a password from the emailed link, once, and signs in with it', async ({ page, context }, testInfo) => {
  const email = newAddress('invited');
  await invite(email);
  const link = linkIn(await waitForEmail(rp.baseURL, email), '/identity/v1/accept-invitation');

  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Accept your invitation' })).toBeVisible();
  await expect(page.getByText(`Choose a password for ${email}`)).toBeVisible();
  await scanAccessibility(page, 'accept-invitation', testInfo);
  await screenshot(page, 'accept-invitation', testInfo);

  const form = page.getByTestId('accept-invitation-form');
  await expect(form.getByRole('button', { name: 'Activate account' })).toBeEnabled();
  await form.getByLabel('Password').fill('password');
  await form.getByRole('button', { name: 'Activate account' }).click();
  await expect(form.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Password')).toBeFocused();

  const password = STRONG_PASSWORD();
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Activate account' }).click();
  const done = page.getByTestId('invitation-done');
  await expect(done.getByText('Your account is active')).toBeVisible();
  await expect(done.getByRole('link', { name: 'Continue to sign in' })).toHaveAttribute('href', `${rp.baseURL}/`);
  await screenshot(page, 'accept-invitation-done', testInfo);

  // Single use: the link now says so.
  await page.goto(link);
  await expect(page.getByText('This invitation link is invalid or was already used.')).toBeVisible();
  await scanAccessibility(page, 'accept-invitation-used', testInfo);

  await interceptCallback(context, rp);
  const pending = authorizationRequest(rp);
  await page.goto(pending.url);
  const signIn = page.getByTestId('sign-in-form');
  await expect(signIn.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
  await signIn.getByLabel('Email').fill(email);
  await signIn.getByLabel('Password').fill(password);
  await signIn.getByRole('button', { name: 'Sign in', exact: true }).click();
  expect(await finishAtCallback(page, rp, pending)).toMatchObject({ email, email_verified: true });
});
