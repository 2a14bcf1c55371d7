// Cross-instance cache invalidation over PostgreSQL LISTEN/NOTIFY (PostgreSQL runs only: the embedded
// database is a single session, where the listener is off). The other instance is played by a
// connection of its own: it hears this process's invalidations, and its NOTIFY drops this process's caches.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CLI_CALLER } from '@/lib/access/principal';
import { getPublicJwks, getSigningKey, rotateSigningKey } from '@/lib/keys';
import { db } from '@/lib/db';
import { ensureSeeded } from '@/lib/testing/factories';
import { CACHE_CHANNEL, onInvalidate, startInvalidationListener, type InvalidationListener } from './invalidation';

const database = inject('testDatabase');
const within = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(database.kind === 'embedded')('cache invalidation across instances', () => {
  let other: pg.Client;
  const heard: string[] = [];
  let listener: InvalidationListener;
  let keyDrops = 0;

  beforeAll(async () => {
    other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    other.on('notification', (message) => heard.push(message.payload ?? ''));
    await other.query(`LISTEN ${CACHE_CHANNEL}`);
    listener = startInvalidationListener(process.env.DATABASE_URL);
    await listener.ready;
    onInvalidate('keys', () => void keyDrops++);
  });

  afterAll(async () => {
    await listener.stop();
    await other.end();
  });

  it('a key rotation here reaches the other instance within a second', async () => {
    await ensureSeeded();
    heard.length = 0;
    keyDrops = 0;
    await rotateSigningKey({ actor: CLI_CALLER.actor });
    // Delivery takes milliseconds; 2 s leaves room for a loaded CI machine. This process's own
    // listener hears it too (its second drop, after the one the rotation made itself).
    const started = Date.now();
    while ((!heard.includes('keys') || keyDrops < 2) && Date.now() - started < 2_000) await within(20);
    expect(heard).toContain('keys');
    expect(keyDrops).toBe(2);
  });

  it("the other instance's NOTIFY drops this process's signer and JWKS caches within a second", async () => {
    await ensureSeeded();
    const before = await getSigningKey();
    expect((await getPublicJwks())[0]!.kid).toBe(before.kid);
    // The other instance rotates: a new current key written behind this process's back (a copy of
    // the key under another kid will do), then its NOTIFY.
    const kid = 'f'.repeat(64);
    await db.$transaction([
      db.$executeRaw`INSERT INTO signing_keys (kid, alg, "publicJwk", "privateKeyEncrypted", status, "createdAt")
        SELECT ${kid}, alg, jsonb_set("publicJwk"::jsonb, '{kid}', to_jsonb(${kid}::text)), "privateKeyEncrypted", 'current', now() FROM signing_keys WHERE kid = ${before.kid}`,
      db.$executeRaw`UPDATE signing_keys SET status = 'previous', "retireAfter" = now() + interval '1 hour' WHERE kid = ${before.kid}`,
    ]);
    expect((await getSigningKey()).kid).toBe(before.kid); // cached: this process has not heard yet
    await other.query(`SELECT pg_notify($1, 'keys')`, [CACHE_CHANNEL]);
    const started = Date.now();
    while ((await getSigningKey()).kid !== kid && Date.now() - started < 2_000) await within(20);
    expect((await getSigningKey()).kid).toBe(kid);
    expect((await getPublicJwks()).map((key) => key.kid).slice(0, 2)).toEqual([kid, before.kid]);
  });
});
