import { describe, expect, it } from 'vitest';
import { findAdminSession } from '@/lib/admin/session';
import { makeAdminSession } from '@/lib/admin/testing';
import { ensureSeeded, makeUser } from '@/lib/testing/factories';
import { listUsersRoute } from './routes/users';
import { listAuditEventsRoute } from './routes/audit-events';
import { readApiAsAdmin } from './server-read';
import { callApi } from './testing';

async function dashboardSession(roles: string[]) {
  await ensureSeeded();
  const admin = await makeUser({ roles });
  const made = await makeAdminSession(admin.id);
  return { made, view: (await findAdminSession(made.cookie))! };
}

describe('readApiAsAdmin (a console page reads its first view on the server)', () => {
  it('answers exactly what the HTTP route answers the same session', async () => {
    const { made, view } = await dashboardSession(['super_admin']);
    await makeUser();
    const query = { page_size: '5', page_number: '1', sort_by: 'email', sort_order: 'desc' };
    const overHttp = await callApi(listUsersRoute, { admin: { cookie: made.cookie, csrfToken: made.csrfToken }, query });
    expect(overHttp.status).toBe(200);
    expect(await readApiAsAdmin(listUsersRoute, view, query)).toEqual(overHttp.body);
  });

  it('gives null for what the route would refuse: a missing right, a bad query', async () => {
    const { view } = await dashboardSession(['super_admin']);
    expect(await readApiAsAdmin(listUsersRoute, view, { page_size: '0' })).toBeNull();
    expect(await readApiAsAdmin(listUsersRoute, { ...view, scopes: ['read_role'] }, {})).toBeNull();
    expect(await readApiAsAdmin(listAuditEventsRoute, { ...view, scopes: ['read_user', 'write_user'] }, {})).toBeNull();
    expect(await readApiAsAdmin(listUsersRoute, { ...view, scopes: [] }, {})).toBeNull();
  });
});
