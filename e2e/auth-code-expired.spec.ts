// A sign-in request that ran out of time: the page says to start again and links back to the app.
import { expect as baseExpect, test } from '@playwright/test';
import { scanAccessibility, screenshot } from './support/evidence';
import { loadFixtures } from './support/fixtures';
import { authorizationRequest, sql, type RelyingParty } from './support/hosted';

test.use({ locale: 'en-US' });
const expect = baseExpect.configure({ timeout: 15_000 });

const fixtures = loadFixtures();
const rp: RelyingParty = { baseURL: fixtures.baseURL, clientId: fixtures.clientId, redirectUri: fixtures.redirectUri, cliEnv: fixtures.cliEnv };

test('an expired request leads to the auth-code-expired page, also when a form is submitted', async ({ page }, testInfo) => {
  await page.goto(authorizationRequest(rp).url);
  await expect(page).toHaveURL(/\/identity\/v1\/sign-in\?request=/);
  const requestId = new URL(page.url()).searchParams.get('request')!;
  const submit = page.getByRole('button', { name: 'Sign in', exact: true });
  await expect(submit).toBeEnabled();
  await sql(rp.cliEnv, `UPDATE authorization_requests SET "expiresAt" = now() - interval '1 minute' WHERE id = $1`, [requestId]);

  // Reloading a step page…
  await page.reload();
  await expect(page).toHaveURL(new RegExp(`/identity/v1/auth-code-expired\\?request=${requestId}`));
  await expect(page.getByRole('heading', { level: 1, name: 'Sign-in expired' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Back to E2E SPA' })).toHaveAttribute('href', rp.redirectUri);
  await scanAccessibility(page, 'auth-code-expired', testInfo);
  await screenshot(page, 'auth-code-expired', testInfo);

  // …and going to the sign-up page of that request end there too.
  await page.goto(`/identity/v1/sign-up?request=${requestId}`);
  await expect(page).toHaveURL(/\/identity\/v1\/auth-code-expired/);
});
