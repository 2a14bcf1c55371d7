// Issue 12 item 5 over HTTP: the dev outbox (every code and link sent) is served only with
// DEV_OUTBOX=true, or with ENVIRONMENT=dev on a loopback AUTH_SERVER_URL. The configurations are
// parsed from environments as a server's would be, then /dev/outbox(.json) is requested.
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET as pageGET } from '@/app/dev/outbox/route';
import { GET as jsonGET } from '@/app/dev/outbox.json/route';
import { loadConfig, overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { sendEmail } from '@/lib/email';

const SECRET_KEY = 'k'.repeat(64);

/** Serves the outbox routes with the outbox settings of a server started with `env`. */
function serverWith(env: Record<string, string>) {
  const loaded = loadConfig({ SECRET_KEY, ...env });
  overrideConfigForTesting({ environment: loaded.environment, isProduction: loaded.isProduction, authServerUrl: loaded.authServerUrl, devOutbox: loaded.devOutbox, smtpConnectionString: undefined, emailProviderName: '' });
  return loaded;
}

const getJson = () => jsonGET(new NextRequest(`${'https://auth.example.com'}/dev/outbox.json`));

beforeEach(async () => {
  await db.devOutboxMessage.deleteMany({});
  await db.devOutboxMessage.create({ data: { channel: 'email', to: 'victim@example.test', subject: 'Reset your password', text: 'Your code is 123456', html: '<p>123456</p>' } });
});
afterEach(() => {
  resetConfigForTesting();
  vi.restoreAllMocks();
});

describe('issue 12 item 5: the dev outbox on a public server', () => {
  it('issue 12 item 5: ENVIRONMENT unset with an https AUTH_SERVER_URL serves no outbox and captures no reset code', async () => {
    serverWith({ AUTH_SERVER_URL: 'https://auth.example.com' });
    const json = await getJson();
    expect(json.status).toBe(404);
    expect(await json.text()).not.toContain('123456');
    expect((await pageGET()).status).toBe(404);
    // Without DEV_OUTBOX, email is never diverted into the outbox: no provider, no message.
    await expect(sendEmail({ to: 'victim@example.test', template: 'email_mfa_code', data: { code: '654321' } })).rejects.toMatchObject({ code: 'email_not_configured' });
    expect(await db.devOutboxMessage.count({ where: { text: { contains: '654321' } } })).toBe(0);
  });

  it('issue 12 item 5: ENVIRONMENT=dev with a non-loopback AUTH_SERVER_URL starts with a loud warning naming the variables, outbox off', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const loaded = serverWith({ ENVIRONMENT: 'dev', AUTH_SERVER_URL: 'https://staging.example.com' });
    expect(loaded.devOutbox).toBe(false);
    const message = warn.mock.calls.map((call) => String(call[0])).join('\n');
    expect(message).toMatch(/WARNING/);
    expect(message).toContain('ENVIRONMENT=dev');
    expect(message).toContain('AUTH_SERVER_URL');
    expect(message).toContain('DEV_OUTBOX');
    expect((await getJson()).status).toBe(404);
    expect((await pageGET()).status).toBe(404);
  });

  it('issue 12 item 5: served with ENVIRONMENT=dev on loopback, or with DEV_OUTBOX=true set explicitly', async () => {
    for (const env of <Record<string, string>[]>[
      { ENVIRONMENT: 'dev', AUTH_SERVER_URL: 'http://localhost:3000' },
      { AUTH_SERVER_URL: 'http://127.0.0.1:3000' },
      { ENVIRONMENT: 'dev', AUTH_SERVER_URL: 'https://staging.example.com', DEV_OUTBOX: 'true' },
    ]) {
      vi.spyOn(console, 'warn').mockImplementation(() => {});
      serverWith(env);
      const json = await getJson();
      expect(json.status, JSON.stringify(env)).toBe(200);
      expect(await json.text()).toContain('123456');
      expect((await pageGET()).status).toBe(200);
    }
    serverWith({ ENVIRONMENT: 'dev', AUTH_SERVER_URL: 'http://localhost:3000', DEV_OUTBOX: 'false' });
    expect((await getJson()).status).toBe(404);
  });
});
