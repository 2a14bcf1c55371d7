import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db, transaction } from '@/lib/db';
import { mfaStep } from '@/lib/mfa/steps';
import { startFlow } from '@/lib/testing/flows';
import { resolveExternalSignIn } from './accounts';

afterEach(() => resetConfigForTesting());

describe('EXTERNAL_ACCOUNTS_REQUIRE_MFA', () => {
  async function externalAccountRequest() {
    const result = await transaction((tx) =>
      resolveExternalSignIn(
        tx,
        { provider: 'GitHub', subject: randomUUID(), email: `mfa-${randomUUID()}@example.test`, emailVerified: true, firstName: null, lastName: null },
        { locale: 'en', orgSlug: '', appId: null, ip: '' },
      ),
    );
    if (result.kind !== 'signed_in') throw new Error('expected a sign-in');
    const browser = await startFlow();
    return db.authorizationRequest.update({ where: { id: browser.requestId }, data: { userId: result.user.id, authTime: new Date(), amr: ['fed'] }, include: { app: true } });
  }

  it('off (default): an external account skips the required local factor (Melody)', async () => {
    overrideConfigForTesting({ emailMfaIsRequired: true });
    expect(await mfaStep(await externalAccountRequest())).toBeNull();
  });

  it('on: the external account is asked for it like a local one', async () => {
    overrideConfigForTesting({ emailMfaIsRequired: true, externalAccountsRequireMfa: true });
    expect(await mfaStep(await externalAccountRequest())).toBe('email_mfa');
  });
});
