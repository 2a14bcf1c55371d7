import { decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { getPublicJwks } from '@/lib/keys';
import { S2S_BUILT_IN_SCOPES } from '@/lib/access/builtin';
import { ensureSeeded } from '@/lib/testing/factories';
import { callApi, s2sToken } from '../testing';
import { listSigningKeysRoute, rotateSigningKeyRoute } from './signing-keys';

describe('S2S API: signing keys (root only)', () => {
  it('rotates: new tokens use the new key, tokens of the previous key keep working, audited; the list shows no key material', async () => {
    await ensureSeeded();
    const root = await s2sToken(['root']);
    const oldKid = decodeProtectedHeader(root).kid;
    const rotated = await callApi(rotateSigningKeyRoute, { token: root });
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({ previousKid: oldKid, retired: [] });
    expect(rotated.body.kid).toMatch(/^[0-9a-f]{64}$/);
    expect(rotated.body.kid).not.toBe(oldKid);

    const jwks = (await getPublicJwks()).map((key) => key.kid);
    expect(jwks[0]).toBe(rotated.body.kid);
    expect(jwks).toContain(oldKid);
    const fresh = await s2sToken(['root']);
    expect(decodeProtectedHeader(fresh).kid).toBe(rotated.body.kid);

    // the token signed before the rotation still verifies
    const listed = await callApi(listSigningKeysRoute, { token: root });
    expect(listed.status).toBe(200);
    expect(listed.body.keys[0]).toMatchObject({ kid: rotated.body.kid, alg: 'RS256', status: 'current', rotatedAt: null, retireAfter: null });
    const previous = listed.body.keys.find((key: { kid: string }) => key.kid === oldKid);
    expect(previous).toMatchObject({ status: 'previous', rotatedAt: expect.any(String), retireAfter: expect.any(String) });
    expect(new Date(previous.retireAfter).getTime()).toBeGreaterThan(Date.now());
    const text = JSON.stringify(listed.body);
    for (const secret of ['privateKeyEncrypted', 'PRIVATE KEY', '"d"', 'publicJwk']) expect(text).not.toContain(secret);

    const events = await db.auditEvent.findMany({ where: { action: 'signing_key.rotated' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ targetId: rotated.body.kid, actorType: 'app', after: { kid: rotated.body.kid, previousKid: oldKid } });
    expect(JSON.stringify(events)).not.toContain('PRIVATE');
  });

  it('is root only: every other API scope gets 403, and nothing rotates', async () => {
    await ensureSeeded();
    const allButRoot = await s2sToken(S2S_BUILT_IN_SCOPES.filter((scope) => scope !== 'root'));
    const before = await db.signingKey.count();
    for (const route of [rotateSigningKeyRoute, listSigningKeysRoute]) {
      const denied = await callApi(route, { token: allButRoot });
      expect(denied.status).toBe(403);
      expect(denied.body.error).toBe('insufficient_scope');
      expect((await callApi(route)).status).toBe(401);
    }
    expect(await db.signingKey.count()).toBe(before);
  });
});
