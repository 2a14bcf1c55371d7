// The dashboard's live activity (issue #17 point 3) on the suite's server: with the home page and
// the users list open, a user created and then deleted through the S2S API appears in the home
// page's feed and in the users list, then leaves the list, without a reload (EventSource on
// /api/v1/events/stream with the session cookie; the list refetches on identity.user.created /
// deleted). A scope-only admin's feed never gets user events: the server filters by rights.
import { expect as baseExpect, test } from '@playwright/test';
import { adminApi, type AdminApi } from './support/admin-api';
import { adminPage, checkA11y, createAdminWithScopes, createSuperAdmin } from './support/admin-ui';
import { loadFixtures, type E2eFixtures, type E2eUser } from './support/fixtures';

test.describe.configure({ timeout: 180_000 });
// events are published by the dispatcher (every second) and polled by the stream (every second)
const expect = baseExpect.configure({ timeout: 20_000 });

let fixtures: E2eFixtures;
let superAdmin: E2eUser;
let api: AdminApi;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  fixtures = loadFixtures();
  superAdmin = await createSuperAdmin(fixtures, 'activity-super');
  api = await adminApi(fixtures);
});

test('a user created through the API shows in the live feed and on the open users list, and leaves it when deleted', async ({ browser }, testInfo) => {
  const { context, page: home } = await adminPage(browser, superAdmin, '/admin');
  const users = await context.newPage();
  await users.goto(new URL('/admin/users', fixtures.baseURL).toString());
  await expect(users.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(home.getByTestId('activity-status')).toHaveAttribute('data-status', 'live');
  // a scope-only admin watches too: user events are not theirs to see
  const scopeReader = await createAdminWithScopes(fixtures, 'activity-scopes', ['read_scope']);
  const other = await adminPage(browser, scopeReader, '/admin');
  await expect(other.page.getByTestId('activity-status')).toHaveAttribute('data-status', 'live');

  const email = `e2e-live-${Date.now()}@example.com`;
  const created = await api.call<{ user: { authId: string } }>('POST', '/api/v1/users', { email, password: 'Pw-7long-enough!' });
  expect(created.status).toBe(201);

  const entry = home.getByTestId('activity-feed').locator('li[data-event-type="identity.user.created"]').filter({ hasText: email });
  await expect(entry).toBeVisible();
  await expect(users.getByTestId('data-row').filter({ hasText: email })).toBeVisible();
  await checkA11y(home, 'activity-feed', testInfo);

  expect((await api.call('DELETE', `/api/v1/users/${created.body.user.authId}`)).status).toBe(204);
  await expect(home.getByTestId('activity-feed').locator(`li[data-event-type="identity.user.deleted"]`).filter({ hasText: created.body.user.authId })).toBeVisible();
  await expect(users.getByTestId('data-row').filter({ hasText: email })).toHaveCount(0);

  // the scope-only admin's stream carried neither event
  await expect(other.page.getByTestId('activity-feed').locator('li[data-event-type^="identity.user."]')).toHaveCount(0);
  await other.context.close();
  await context.close();
});
