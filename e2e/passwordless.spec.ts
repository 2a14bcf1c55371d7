// Passwordless sign-in, each variant on a server of its own (ENABLE_PASSWORDLESS_SIGN_IN turns
// password sign-in, sign-up and reset off for the whole server):
//  - a 6-digit code (a new address becomes an account; amr ["otp"]);
//  - a magic link (USE_PASSWORDLESS_AS_MAGIC_LINK) that works only in the browser that started.
import { expect as baseExpect, test } from '@playwright/test';
import { scanAccessibility, screenshot } from './support/evidence';
import { authorizationRequest, codeIn, finishAtCallback, interceptCallback, linkIn, newAddress, startOwnServer, waitForEmail, type RelyingParty } from './support/hosted';

test.use({ locale: 'en-US' });
test.describe.configure({ timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 15_000 });

test.describe.serial('passwordless code (own server)', () => {
  let rp: RelyingParty & { stop: () => Promise<void> };
  test.beforeAll(async () => {
    test.setTimeout(240_000); // a server of its own: first start of its database, migrations, seed
    rp = await startOwnServer('passwordless', { ENABLE_PASSWORDLESS_SIGN_IN: 'true' });
  });
  test.afterAll(async () => {
    await rp?.stop();
  });

  test('an email address, the emailed code, signed in with amr otp', async ({ page, context }, testInfo) => {
    await interceptCallback(context, rp);
    const pending = authorizationRequest(rp);
    await page.goto(pending.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    // No password, no sign-up, no reset under passwordless.
    await expect(page.getByLabel('Password')).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Create an account' })).toHaveCount(0);
    await scanAccessibility(page, 'sign-in-passwordless', testInfo);
    await screenshot(page, 'sign-in-passwordless', testInfo);

    const email = newAddress('otp');
    const form = page.getByTestId('passwordless-form');
    await expect(form.getByRole('button', { name: 'Email me a code' })).toBeEnabled();
    await form.getByLabel('Email').fill('not-an-address');
    await form.getByRole('button', { name: 'Email me a code' }).click();
    await expect(form.getByText('Enter a valid email address.')).toBeVisible();
    await form.getByLabel('Email').fill(email);
    await form.getByRole('button', { name: 'Email me a code' }).click();

    await expect(page).toHaveURL(/\/identity\/v1\/passwordless-verify\?request=/);
    await expect(page.getByText(`We sent a 6-digit sign-in code to ${email}.`)).toBeVisible();
    await scanAccessibility(page, 'passwordless-verify', testInfo);
    await screenshot(page, 'passwordless-verify', testInfo);

    const verify = page.getByTestId('passwordless-verify-form');
    const first = codeIn(await waitForEmail(rp.baseURL, email));
    const since = Date.now();
    await verify.getByRole('button', { name: 'Send a new code' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'A new code is on its way.' })).toBeVisible();
    const second = codeIn(await waitForEmail(rp.baseURL, email, since - 500));
    if (first !== second) {
      await verify.getByLabel('Code').fill(first);
      await verify.getByRole('button', { name: 'Sign in' }).click();
      await expect(verify.getByText('The code is incorrect or has expired.')).toBeVisible();
    }
    await verify.getByLabel('Code').fill(second);
    await verify.getByRole('button', { name: 'Sign in' }).click();
    const claims = await finishAtCallback(page, rp, pending);
    expect(claims).toMatchObject({ email, email_verified: true, amr: ['otp'] });
  });
});

test.describe.serial('magic link (own server)', () => {
  let rp: RelyingParty & { stop: () => Promise<void> };
  test.beforeAll(async () => {
    test.setTimeout(240_000);
    rp = await startOwnServer('magic-link', { ENABLE_PASSWORDLESS_SIGN_IN: 'true', USE_PASSWORDLESS_AS_MAGIC_LINK: 'true' });
  });
  test.afterAll(async () => {
    await rp?.stop();
  });

  test('the link completes the request in its own browser only', async ({ page, context, browser }, testInfo) => {
    await interceptCallback(context, rp);
    const pending = authorizationRequest(rp, { locale: 'zh-CN' });
    await page.goto(pending.url);
    const email = newAddress('magic');
    const form = page.getByTestId('passwordless-form');
    await expect(form.getByRole('button', { name: '通过邮件发送登录链接' })).toBeEnabled();
    await form.getByLabel('电子邮箱').fill(email);
    await form.getByRole('button', { name: '通过邮件发送登录链接' }).click();
    await expect(page).toHaveURL(/\/identity\/v1\/passwordless-verify\?/);
    await expect(page.getByText(`我们已向 ${email} 发送了登录链接`)).toBeVisible();
    await expect(page.getByLabel('验证码')).toHaveCount(0);
    await scanAccessibility(page, 'magic-link-wait-zh-CN', testInfo);
    await screenshot(page, 'magic-link-wait-zh-CN', testInfo);

    const link = linkIn(await waitForEmail(rp.baseURL, email), '/identity/v1/magic-link');

    // Another browser (no binding cookie): an explanation, and the link stays usable.
    const other = await browser.newContext({ locale: 'zh-CN' });
    const otherPage = await other.newPage();
    await otherPage.goto(link);
    await expect(otherPage).toHaveURL(/\/identity\/v1\/error\?code=magic_link_other_browser/);
    await expect(otherPage.getByText('此登录链接只能在你开始登录的浏览器中使用')).toBeVisible();
    await scanAccessibility(otherPage, 'magic-link-other-browser', testInfo);
    await screenshot(otherPage, 'magic-link-other-browser', testInfo);
    await other.close();

    await page.goto(link);
    const claims = await finishAtCallback(page, rp, pending);
    expect(claims).toMatchObject({ email, amr: ['otp'] });

    // Used once: following it again explains that.
    await page.goto(link);
    await expect(page).toHaveURL(/\/identity\/v1\/error\?code=magic_link_invalid/);
  });
});
