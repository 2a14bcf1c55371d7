import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { handleTokenRequest } from '@/lib/oauth/token-endpoint';
import { makeS2sApp, makeSpaApp } from '@/lib/testing/factories';
import { regenerateAppSecret, updateApp } from './admin';
import { CLIENT_CACHE_TTL_MS, findClientCached, invalidateClientCache } from './client-cache';
import { findAppByClientId } from './service';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
const clientCredentials = (app: { clientId: string; clientSecret: string }) =>
  handleTokenRequest(new URLSearchParams({ grant_type: 'client_credentials' }), basic(app.clientId, app.clientSecret));

afterEach(() => {
  vi.restoreAllMocks();
  invalidateClientCache();
});

describe('findAppByClientId (one query)', () => {
  it('returns exactly the Prisma App row plus its sorted scope names', async () => {
    for (const app of [await makeS2sApp(['write_user', 'read_user', 'read_app']), await makeSpaApp()]) {
      const found = await findAppByClientId(app.clientId);
      const viaPrisma = await db.app.findUniqueOrThrow({ where: { clientId: app.clientId }, include: { scopes: { include: { scope: true } } } });
      const { scopes, ...row } = viaPrisma;
      expect(found).toEqual({ ...row, scopeNames: scopes.map((entry) => entry.scope.name).sort() });
    }
    expect(await findAppByClientId('no-such-client')).toBeNull();
  });

  it('returns an app without scopes with an empty list', async () => {
    const app = await makeS2sApp([]);
    expect((await findAppByClientId(app.clientId))?.scopeNames).toEqual([]);
  });
});

describe('client cache of the client_credentials grant', () => {
  it('serves an active app from memory for CLIENT_CACHE_TTL_MS, then reads the database again', async () => {
    const app = await makeS2sApp(['read_user']);
    const first = await findClientCached(app.clientId);
    expect(first?.isActive).toBe(true);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first?.scopeNames)).toBe(true);

    await db.app.update({ where: { clientId: app.clientId }, data: { name: 'Renamed' } });
    expect(await findClientCached(app.clientId)).toBe(first);

    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + CLIENT_CACHE_TTL_MS + 1);
    expect((await findClientCached(app.clientId))?.name).toBe('Renamed');
  });

  it('a deactivated app gets no token once the entry is invalidated or expired', async () => {
    const app = await makeS2sApp(['read_user']);
    await expect(clientCredentials(app)).resolves.toMatchObject({ scope: 'read_user' });
    await db.app.update({ where: { clientId: app.clientId }, data: { isActive: false } });
    invalidateClientCache();
    await expect(clientCredentials(app)).rejects.toMatchObject({ code: 'invalid_client' });

    const other = await makeS2sApp(['read_user']);
    await expect(clientCredentials(other)).resolves.toBeTruthy();
    await db.app.update({ where: { clientId: other.clientId }, data: { isActive: false } });
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + CLIENT_CACHE_TTL_MS + 1);
    await expect(clientCredentials(other)).rejects.toMatchObject({ code: 'invalid_client' });
  });

  it('never keeps unknown or inactive apps: a re-activated app works at once', async () => {
    expect(await findClientCached('no-such-client')).toBeNull();
    const app = await makeS2sApp(['read_user']);
    await db.app.update({ where: { clientId: app.clientId }, data: { isActive: false } });
    await expect(clientCredentials(app)).rejects.toMatchObject({ code: 'invalid_client' });
    await db.app.update({ where: { clientId: app.clientId }, data: { isActive: true } });
    await expect(clientCredentials(app)).resolves.toMatchObject({ scope: 'read_user' });
  });

  it('shares one lookup between concurrent requests and still checks each secret', async () => {
    const app = await makeS2sApp(['read_user']);
    const lookups = await Promise.all(Array.from({ length: 5 }, () => findClientCached(app.clientId)));
    expect(new Set(lookups).size).toBe(1);
    await expect(clientCredentials({ clientId: app.clientId, clientSecret: 'wrong' })).rejects.toMatchObject({ code: 'invalid_client' });
    await expect(clientCredentials(app)).resolves.toBeTruthy();
  });

  it('app writes through the app service take effect at once in this process', async () => {
    const root = { actor: { type: 'system' as const, id: null, ip: '' }, scopes: ['root'] };
    const app = await makeS2sApp(['read_user']);
    await expect(clientCredentials(app)).resolves.toBeTruthy();
    const { secret } = await regenerateAppSecret(root, app.id);
    await expect(clientCredentials(app)).rejects.toMatchObject({ code: 'invalid_client' });
    await expect(clientCredentials({ clientId: app.clientId, clientSecret: secret })).resolves.toBeTruthy();
    await updateApp(root, app.id, { isActive: false });
    await expect(clientCredentials({ clientId: app.clientId, clientSecret: secret })).rejects.toMatchObject({ code: 'invalid_client' });
  });
});
