import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db, transaction } from '@/lib/db';
import { makeUser } from '@/lib/testing/factories';
import { attachProvenIdentity, listIdentities, resolveExternalSignIn, unlinkIdentity, type ExternalProfile } from './accounts';

afterEach(() => resetConfigForTesting());

const context = { locale: 'fr', orgSlug: '', appId: null, ip: '203.0.113.9' };
const actor = { type: 'system' as const, id: null, ip: '' };

function profile(overrides: Partial<ExternalProfile> = {}): ExternalProfile {
  return {
    provider: 'Google',
    subject: randomUUID(),
    email: `ext-${randomUUID()}@example.test`,
    emailVerified: true,
    firstName: 'Ada',
    lastName: 'Lovelace',
    ...overrides,
  };
}

const resolve = (input: ExternalProfile, extra: Partial<typeof context> = {}) => transaction((tx) => resolveExternalSignIn(tx, input, { ...context, ...extra }));

async function caught(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string };
  }
  throw new Error('expected a rejection');
}

describe('resolveExternalSignIn', () => {
  it('creates a new account from a verified identity: verified email, names, locale, no password, one identity, audited', async () => {
    const input = profile({ email: 'New.Person+X@Example.TEST' });
    const result = await resolve(input);
    expect(result.kind).toBe('signed_in');
    if (result.kind !== 'signed_in') return;
    expect(result.created).toBe(true);
    expect(result.user).toMatchObject({
      email: 'new.person+x@example.test',
      emailVerified: true,
      passwordHash: null,
      firstName: 'Ada',
      lastName: 'Lovelace',
      locale: 'fr',
      authProvider: 'Google',
      providerSubject: input.subject,
    });
    expect(await listIdentities(result.user.id)).toEqual([
      expect.objectContaining({ provider: 'Google', subject: input.subject, email: 'new.person+x@example.test', emailVerified: true }),
    ]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: result.user.id, action: 'user.signed_up' } });
    expect(audit).toMatchObject({ actorType: 'user', actorId: result.user.id, ip: '203.0.113.9' });
    expect(audit.after).toMatchObject({ method: 'external', provider: 'Google' });
  });

  it('signs the same user in again by (provider, subject), whatever the email says now, and records the last use', async () => {
    const input = profile();
    const first = await resolve(input);
    if (first.kind !== 'signed_in') throw new Error('expected a sign-in');
    await db.externalIdentity.update({ where: { id: first.identity.id }, data: { lastUsedAt: new Date(Date.now() - 86_400_000) } });
    const again = await resolve({ ...input, email: `changed-${randomUUID()}@example.test`, emailVerified: false });
    expect(again).toMatchObject({ kind: 'signed_in', created: false, user: { id: first.user.id } });
    const identity = await db.externalIdentity.findUniqueOrThrow({ where: { id: first.identity.id } });
    expect(identity.lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(identity.emailVerified).toBe(false);
    expect(await db.user.count({ where: { authProvider: 'Google', providerSubject: input.subject } })).toBe(1);
  });

  it('the same subject at another provider is another identity', async () => {
    const input = profile({ email: null });
    const google = await resolve(input);
    const github = await resolve({ ...input, provider: 'GitHub' });
    if (google.kind !== 'signed_in' || github.kind !== 'signed_in') throw new Error('expected sign-ins');
    expect(github.user.id).not.toBe(google.user.id);
  });

  it('refuses a known identity whose user is disabled', async () => {
    const input = profile();
    const first = await resolve(input);
    if (first.kind !== 'signed_in') throw new Error('expected a sign-in');
    await db.user.update({ where: { id: first.user.id }, data: { isActive: false } });
    expect((await caught(resolve(input))).code).toBe('account_disabled');
  });

  it('attack: a provider asserting the verified email of an existing password account gets no access to it — link_required, nothing attached or created', async () => {
    const victim = await makeUser();
    const before = await db.user.count();
    const result = await resolve(profile({ provider: 'evil-oidc', email: victim.email!.toUpperCase() }));
    expect(result).toEqual({ kind: 'link_required', user: { id: victim.id, email: victim.email }, email: victim.email });
    expect(await db.externalIdentity.count({ where: { userId: victim.id } })).toBe(0);
    expect(await db.user.count()).toBe(before);
  });

  it('an email held by an account another provider created also needs proof', async () => {
    const first = await resolve(profile({ provider: 'GitHub' }));
    if (first.kind !== 'signed_in') throw new Error('expected a sign-in');
    const second = await resolve(profile({ provider: 'Discord', email: first.user.email }));
    expect(second).toMatchObject({ kind: 'link_required', user: { id: first.user.id } });
  });

  it('refuses an email the provider did not verify, and writes nothing', async () => {
    const input = profile({ emailVerified: false });
    const before = await db.user.count();
    expect((await caught(resolve(input))).code).toBe('external_email_unverified');
    expect(await db.user.count()).toBe(before);
    expect(await db.externalIdentity.count({ where: { subject: input.subject } })).toBe(0);
  });

  it('an unverified email that names an existing account is refused too (never an opening to a link)', async () => {
    const victim = await makeUser();
    expect((await caught(resolve(profile({ email: victim.email, emailVerified: false })))).code).toBe('external_email_unverified');
  });

  it('an identity without any email creates an account without one (Melody: Facebook, OIDC without the email scope)', async () => {
    const result = await resolve(profile({ provider: 'Facebook', email: null, emailVerified: false }));
    expect(result).toMatchObject({ kind: 'signed_in', created: true, user: { email: null, emailVerified: false, authProvider: 'Facebook' } });
  });

  it('refuses a subject that is empty or too long', async () => {
    expect((await caught(resolve(profile({ subject: '' })))).code).toBe('external_token_invalid');
    expect((await caught(resolve(profile({ subject: 'x'.repeat(501) })))).code).toBe('external_token_invalid');
  });
});

describe('orgs', () => {
  async function makeOrg(fields: { allowPublicRegistration?: boolean; autoJoinEmailDomains?: string[]; onlyUseForBrandingOverride?: boolean } = {}) {
    const slug = `org-${randomUUID().slice(0, 8)}`;
    return db.org.create({ data: { name: slug, slug, ...fields } });
  }

  it('ENABLE_ORG on: a new user joins every org listing its verified email domain (just in time), the first as active org', async () => {
    overrideConfigForTesting({ enableOrg: true });
    const domain = `${randomUUID().slice(0, 8)}.example.test`;
    const joined = await makeOrg({ autoJoinEmailDomains: [domain, 'other.test'] });
    const brandingOnly = await makeOrg({ autoJoinEmailDomains: [domain], onlyUseForBrandingOverride: true });
    const elsewhere = await makeOrg({ autoJoinEmailDomains: ['elsewhere.test'] });
    const result = await resolve(profile({ email: `jit@${domain}` }));
    if (result.kind !== 'signed_in') throw new Error('expected a sign-in');
    const memberships = await db.userOrg.findMany({ where: { userId: result.user.id } });
    expect(memberships.map((row) => row.orgId)).toEqual([joined.id]);
    expect(result.user.activeOrgId).toBe(joined.id);
    expect([brandingOnly.id, elsewhere.id]).not.toContain(result.user.activeOrgId);
  });

  it('ENABLE_ORG off: the domain list does nothing', async () => {
    overrideConfigForTesting({ enableOrg: false });
    const domain = `${randomUUID().slice(0, 8)}.example.test`;
    await makeOrg({ autoJoinEmailDomains: [domain] });
    const result = await resolve(profile({ email: `jit@${domain}` }));
    if (result.kind !== 'signed_in') throw new Error('expected a sign-in');
    expect(await db.userOrg.count({ where: { userId: result.user.id } })).toBe(0);
  });

  it('a request for an org closed to registration creates no account (registration_closed); an open one makes the user a member', async () => {
    overrideConfigForTesting({ enableOrg: true });
    const closed = await makeOrg({ allowPublicRegistration: false });
    expect((await caught(resolve(profile(), { orgSlug: closed.slug }))).code).toBe('registration_closed');
    const open = await makeOrg();
    const result = await resolve(profile(), { orgSlug: open.slug });
    if (result.kind !== 'signed_in') throw new Error('expected a sign-in');
    expect(result.user.activeOrgId).toBe(open.id);
  });
});

describe('attachProvenIdentity', () => {
  it('attaches the identity to the proven account (audited); the identity then signs that account in', async () => {
    const owner = await makeUser();
    const input = profile({ provider: 'acme', email: owner.email });
    await transaction((tx) => attachProvenIdentity(tx, owner.id, input, { type: 'user', id: owner.id, ip: '' }));
    expect(await resolve(input)).toMatchObject({ kind: 'signed_in', created: false, user: { id: owner.id } });
    expect(await db.auditEvent.count({ where: { targetId: owner.id, action: 'user.identity_linked' } })).toBe(1);
  });

  it('refuses an identity already attached to another account, and a disabled account', async () => {
    const input = profile();
    await resolve(input);
    const other = await makeUser();
    expect((await caught(transaction((tx) => attachProvenIdentity(tx, other.id, input, actor)))).code).toBe('identity_taken');
    const disabled = await makeUser();
    await db.user.update({ where: { id: disabled.id }, data: { isActive: false } });
    expect((await caught(transaction((tx) => attachProvenIdentity(tx, disabled.id, profile(), actor)))).code).toBe('account_disabled');
  });
});

describe('unlinkIdentity', () => {
  it('never removes the last way to sign in: the only identity of an account without a password stays', async () => {
    const created = await resolve(profile());
    if (created.kind !== 'signed_in') throw new Error('expected a sign-in');
    expect((await caught(unlinkIdentity(actor, created.user.id, created.identity.id))).code).toBe('last_sign_in_method');
    expect(await db.externalIdentity.count({ where: { userId: created.user.id } })).toBe(1);
  });

  it('removes an identity while another remains, clears the creating subject, and audits it', async () => {
    const created = await resolve(profile());
    if (created.kind !== 'signed_in') throw new Error('expected a sign-in');
    const second = profile({ provider: 'GitHub', email: created.user.email });
    await transaction((tx) => attachProvenIdentity(tx, created.user.id, second, actor));
    await unlinkIdentity(actor, created.user.id, created.identity.id);
    expect((await listIdentities(created.user.id)).map((identity) => identity.provider)).toEqual(['GitHub']);
    expect((await db.user.findUniqueOrThrow({ where: { id: created.user.id } })).providerSubject).toBeNull();
    expect(await db.auditEvent.count({ where: { targetId: created.user.id, action: 'user.identity_unlinked' } })).toBe(1);
  });

  it('a password account may remove all its identities while password sign-in is on, not when it is off', async () => {
    const owner = await makeUser();
    const { identity } = await transaction((tx) => attachProvenIdentity(tx, owner.id, profile({ email: owner.email }), actor));
    overrideConfigForTesting({ enablePasswordSignIn: false });
    expect((await caught(unlinkIdentity(actor, owner.id, identity.id))).code).toBe('last_sign_in_method');
    resetConfigForTesting();
    await unlinkIdentity(actor, owner.id, identity.id);
    expect(await db.externalIdentity.count({ where: { userId: owner.id } })).toBe(0);
  });

  it("answers identity_not_found for another user's identity", async () => {
    const owner = await makeUser();
    const other = await resolve(profile());
    if (other.kind !== 'signed_in') throw new Error('expected a sign-in');
    expect((await caught(unlinkIdentity(actor, owner.id, other.identity.id))).code).toBe('identity_not_found');
  });
});
