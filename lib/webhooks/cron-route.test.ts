// GET /api/cron/events (the events job of lib/jobs, for Vercel Cron): only with CRON_SECRET
// configured, and only for its bearer; the run publishes committed events.
import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/cron/[job]/route';
import { config, overrideConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { makeUser } from '@/lib/testing/factories';

const original = config();
afterEach(() => overrideConfigForTesting({ ...original }));

const call = (authorization?: string) =>
  GET(new NextRequest('http://localhost:3999/api/cron/events', { headers: authorization ? { authorization } : {} }), { params: Promise.resolve({ job: 'events' }) });

describe('the cron route', () => {
  it('does not exist without CRON_SECRET', async () => {
    overrideConfigForTesting({ cronSecret: undefined });
    expect((await call('Bearer ')).status).toBe(404);
  });

  it('refuses a missing or wrong secret, and publishes events for the right one', async () => {
    overrideConfigForTesting({ cronSecret: 'cron-secret-0123456789' });
    expect((await call()).status).toBe(401);
    expect((await call('Bearer cron-secret-wrong')).status).toBe(401);
    const user = await makeUser();
    const response = await call('Bearer cron-secret-0123456789');
    expect(response.status).toBe(200);
    expect((await response.json()).result.published).toBeGreaterThan(0);
    const event = await db.event.findFirstOrThrow({ where: { type: 'identity.user.created' }, orderBy: { seq: 'desc' } });
    expect(event.data).toMatchObject({ user: { authId: user.id } });
    expect(event.position).not.toBeNull();
  });
});
