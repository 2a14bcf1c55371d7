// /admin/users with 100,000 users: the list still works on a large table — first page, total,
// a deep page, sort by email and a search — on a spec-owned server whose throwaway PostgreSQL
// database is seeded with bench/seed-users.mjs. The time to the first row is measured by
// bench/admin-users-page.mjs (npm run bench), not asserted here. PostgreSQL is needed (the
// embedded database serves one connection, held by the server): DATABASE_URL's server, else the
// machine's own on 127.0.0.1:5432 (every developer machine and CI run one).
import { expect as baseExpect, test } from '@playwright/test';
import pg from 'pg';
import { checkA11y, signInToAdmin } from './support/admin-ui';
import { cli, startServer, stopServer, type StartedServer } from './support/server';
import { makeUsers, seedDatabase } from '../bench/seed-users.mjs';

const USERS = 100_000;
const expect = baseExpect.configure({ timeout: 20_000 });
test.describe.configure({ timeout: 300_000 });

let server: StartedServer;
const admin = { email: 'bench-admin@example.com', password: 'Bench-Pw-12345678' };

test.beforeAll(async () => {
  test.setTimeout(300_000); // a production server, then 100,000 rows
  server = await startServer({ name: 'users-100k', postgres: true });
  const client = new pg.Client({ connectionString: server.cliEnv.DATABASE_URL });
  await client.connect();
  try {
    await seedDatabase(client, makeUsers(USERS));
  } finally {
    await client.end();
  }
  await cli(server.cliEnv, ['user', 'create', '--email', admin.email, '--password', admin.password, '--role', 'super_admin', '--verified']);
});

test.afterAll(async () => {
  if (server) await stopServer(server.state);
});

test('the users list pages, sorts and searches 100,000 users', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ baseURL: server.baseURL, locale: 'en-US' });
  const page = await context.newPage();
  await signInToAdmin(page, admin, '/admin/users');
  const rows = page.getByTestId('data-row');
  await expect(rows).toHaveCount(20);
  // 100,000 seeded users, the seeded super admin and the admin just created
  await expect(page.getByText(/100,0\d\d results · Page 1 of 5,?001/)).toBeVisible();
  await checkA11y(page, 'admin-users-100k', testInfo);

  await page.goto('/admin/users?page=2500');
  await expect(rows).toHaveCount(20);
  await expect(page.getByText(/Page 2,?500 of 5,?001/)).toBeVisible();

  await page.goto('/admin/users?sort=email&order=asc');
  // the database's collation decides the order; the first addresses start with "a" either way
  await expect(rows.first().getByRole('rowheader')).toHaveText(/^a/);

  await page.getByRole('searchbox', { name: 'Search' }).fill('grace.');
  await expect(page).toHaveURL((url) => url.searchParams.get('q') === 'grace.');
  await expect(rows.first().getByRole('rowheader')).toHaveText(/^grace\./);
  await context.close();
});
