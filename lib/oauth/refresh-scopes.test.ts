import { decodeJwt } from 'jose';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { POST as tokenPOST } from '@/app/oauth2/v1/token/route';
import { db } from '@/lib/db';
import { issueUserTokens, makeSpaApp, makeUser } from '@/lib/testing/factories';

function refresh(refreshToken: string) {
  return tokenPOST(
    new NextRequest('http://localhost:3999/oauth2/v1/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
    }),
  );
}

const scopeOf = (accessToken: string) => String(decodeJwt(accessToken).scope).split(' ').sort();

describe('issue 12 item 8: the refresh grant re-filters scopes', () => {
  it('issue 12 item 8: a scope removed from the app is not in the tokens of a later refresh (was: the grant’s scopes for ever)', async () => {
    const app = await makeSpaApp({ skipConsent: true });
    const { tokens } = await issueUserTokens(app, await makeUser());
    expect(scopeOf(tokens.access_token)).toEqual(['offline_access', 'openid', 'profile']);

    // an admin takes `profile` away from the app
    const appRow = await db.app.findUniqueOrThrow({ where: { clientId: app.clientId } });
    await db.appScope.deleteMany({ where: { appId: appRow.id, scope: { name: 'profile' } } });

    const first = await refresh(tokens.refresh_token!);
    expect(first.status).toBe(200);
    const refreshed = (await first.json()) as { access_token: string; refresh_token: string; scope?: string };
    expect(scopeOf(refreshed.access_token)).toEqual(['offline_access', 'openid']);
    if (refreshed.scope !== undefined) expect(refreshed.scope.split(' ')).not.toContain('profile');
    const stored = await db.refreshToken.findMany({ where: { appId: appRow.id, rotatedAt: null, revokedAt: null } });
    expect(stored.map((row) => row.scopes.includes('profile'))).toEqual([false]);

    // giving the scope back does not give it back to the grant: it was dropped for good
    const profile = await db.scope.findUniqueOrThrow({ where: { name: 'profile' } });
    await db.appScope.create({ data: { appId: appRow.id, scopeId: profile.id } });
    const second = (await (await refresh(refreshed.refresh_token)).json()) as { access_token: string };
    expect(scopeOf(second.access_token)).toEqual(['offline_access', 'openid']);
  });
});
