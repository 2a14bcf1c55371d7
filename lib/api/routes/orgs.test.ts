import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { ensureSeeded, makeUser } from '@/lib/testing/factories';
import { callApi, s2sToken } from '../testing';
import { createOrgRoute, deleteOrgRoute, getOrgRoute, listOrgAllUsersRoute, listOrgsRoute, listOrgUsersRoute, updateOrgRoute } from './orgs';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const unique = () => randomUUID().slice(0, 8);

afterEach(() => resetConfigForTesting());

describe('S2S API: orgs, ENABLE_ORG off (the default)', () => {
  it('answers every operation with 400 feature_disabled and writes nothing', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_org', 'write_org', 'read_user']);
    const calls = [
      callApi(listOrgsRoute, { token }),
      callApi(getOrgRoute, { token, params: { id: UNKNOWN_ID } }),
      callApi(createOrgRoute, { token, body: { name: 'Acme', slug: 'acme' } }),
      callApi(updateOrgRoute, { token, params: { id: UNKNOWN_ID }, body: { name: 'Acme' } }),
      callApi(deleteOrgRoute, { token, params: { id: UNKNOWN_ID } }),
      callApi(listOrgUsersRoute, { token, params: { id: UNKNOWN_ID } }),
      callApi(listOrgAllUsersRoute, { token, params: { id: UNKNOWN_ID } }),
    ];
    for (const result of await Promise.all(calls)) {
      expect(result.status).toBe(400);
      expect(result.body.error).toBe('feature_disabled');
    }
    expect(await db.org.count()).toBe(0);
    expect((await callApi(listOrgsRoute)).status).toBe(401);
  });
});

describe('S2S API: orgs, ENABLE_ORG on', () => {
  beforeEach(() => overrideConfigForTesting({ enableOrg: true }));

  it('creates, lists, reads, brands, renames and deletes an org, with an audit event per write', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_org', 'write_org']);
    const slug = `acme-${unique()}`;
    const created = await callApi(createOrgRoute, { token, body: { name: `Acme ${slug}`, slug, allowPublicRegistration: false, onlyUseForBrandingOverride: false } });
    expect(created.status).toBe(201);
    expect(created.body.org).toMatchObject({ slug, allowPublicRegistration: false, onlyUseForBrandingOverride: false, companyLogoUrl: '', layoutColor: '' });
    const id = created.body.org.id as string;
    const defaults = await callApi(createOrgRoute, { token, body: { name: `Other ${slug}`, slug: `other-${slug}` } });
    expect(defaults.body.org).toMatchObject({ allowPublicRegistration: true, onlyUseForBrandingOverride: false });

    const listed = await callApi(listOrgsRoute, { token });
    expect(listed.body.orgs.map((org: { id: string }) => org.id)).toEqual(expect.arrayContaining([id, defaults.body.org.id]));

    const branding = {
      companyLogoUrl: 'https://cdn.example.com/acme.png',
      companyEmailLogoUrl: 'https://cdn.example.com/acme-email.png',
      fontFamily: '"Noto Sans", Inter, sans-serif',
      fontUrl: 'https://fonts.googleapis.com/css2?family=Inter',
      layoutColor: '#f4f4f5',
      labelColor: '#18181b',
      primaryButtonColor: 'rgb(67 56 202)',
      primaryButtonLabelColor: '#fff',
      primaryButtonBorderColor: '#4338ca',
      secondaryButtonColor: '#ffffff',
      secondaryButtonLabelColor: '#000000',
      secondaryButtonBorderColor: 'hsl(0 0% 80%)',
      criticalIndicatorColor: '#e00',
      emailSenderName: 'Acme',
      termsLink: 'https://acme.example.com/terms',
      privacyPolicyLink: 'https://acme.example.com/privacy',
    };
    const newSlug = `acme-new-${unique()}`;
    const updated = await callApi(updateOrgRoute, { token, params: { id }, body: { ...branding, slug: newSlug, allowPublicRegistration: true } });
    expect(updated.status).toBe(200);
    expect(updated.body.org).toMatchObject({ ...branding, slug: newSlug, allowPublicRegistration: true, name: `Acme ${slug}` });
    const cleared = await callApi(updateOrgRoute, { token, params: { id }, body: { companyLogoUrl: '', layoutColor: '' } });
    expect(cleared.body.org).toMatchObject({ companyLogoUrl: '', layoutColor: '', labelColor: '#18181b' });
    expect((await callApi(getOrgRoute, { token, params: { id } })).body.org).toMatchObject({ slug: newSlug, companyLogoUrl: '' });

    expect((await callApi(deleteOrgRoute, { token, params: { id } })).status).toBe(204);
    expect((await callApi(getOrgRoute, { token, params: { id } })).status).toBe(404);
    const events = await db.auditEvent.findMany({ where: { targetId: id }, orderBy: { createdAt: 'asc' } });
    expect(events.map((event) => event.action)).toEqual(['org.created', 'org.updated', 'org.updated', 'org.deleted']);
    expect(events[1]).toMatchObject({ actorType: 'app', targetType: 'org', before: { slug }, after: { slug: newSlug, fontFamily: branding.fontFamily } });
  });

  it('rejects every unsafe branding value and bad slugs with field errors, and changes nothing', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_org', 'write_org']);
    const slug = `safe-${unique()}`;
    const org = (await callApi(createOrgRoute, { token, body: { name: slug, slug } })).body.org;
    const invalid = await callApi(updateOrgRoute, {
      token,
      params: { id: org.id },
      body: {
        companyLogoUrl: 'javascript:alert(1)',
        companyEmailLogoUrl: 'data:image/png;base64,AAAA',
        fontUrl: '//evil.example/font.css',
        termsLink: '/terms',
        privacyPolicyLink: 'not a url',
        layoutColor: 'red',
        labelColor: '#fff; background: url(https://evil.example)',
        primaryButtonColor: 'var(--x)',
        criticalIndicatorColor: '#12345',
        fontFamily: 'Inter; } body { display: none }',
        emailSenderName: 'Acme\r\nBcc: x@example.com',
        slug: 'Has Upper',
      },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toBe('invalid_input');
    expect(Object.keys(invalid.body.fields).sort()).toEqual(
      [
        'companyLogoUrl',
        'companyEmailLogoUrl',
        'fontUrl',
        'termsLink',
        'privacyPolicyLink',
        'layoutColor',
        'labelColor',
        'primaryButtonColor',
        'criticalIndicatorColor',
        'fontFamily',
        'emailSenderName',
        'slug',
      ].sort(),
    );
    for (const bad of ['UPPER', 'under_score', 'sp ace', 'dot.s', '', 'x'.repeat(51)]) {
      const result = await callApi(createOrgRoute, { token, body: { name: `n-${unique()}`, slug: bad } });
      expect(result.status, bad).toBe(400);
      expect(Object.keys(result.body.fields), bad).toContain('slug');
    }
    expect((await callApi(createOrgRoute, { token, body: { slug: `x-${unique()}` } })).body.fields).toHaveProperty('name');
    expect((await callApi(getOrgRoute, { token, params: { id: org.id } })).body.org).toMatchObject({ companyLogoUrl: '', slug });
    expect(await db.auditEvent.count({ where: { targetId: org.id } })).toBe(1);
  });

  it('answers taken names and slugs with 409 naming the field, unknown ids with 404', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_org', 'write_org']);
    const slug = `dup-${unique()}`;
    const first = (await callApi(createOrgRoute, { token, body: { name: `Dup ${slug}`, slug } })).body.org;
    const sameName = await callApi(createOrgRoute, { token, body: { name: `Dup ${slug}`, slug: `${slug}-2` } });
    expect(sameName.status).toBe(409);
    expect(sameName.body).toMatchObject({ error: 'org_name_taken', fields: { name: expect.any(String) } });
    const sameSlug = await callApi(createOrgRoute, { token, body: { name: `Other ${slug}`, slug } });
    expect(sameSlug.body).toMatchObject({ error: 'org_slug_taken', fields: { slug: expect.any(String) } });
    const second = (await callApi(createOrgRoute, { token, body: { name: `Second ${slug}`, slug: `${slug}-b` } })).body.org;
    expect((await callApi(updateOrgRoute, { token, params: { id: second.id }, body: { slug } })).body.error).toBe('org_slug_taken');
    expect((await callApi(updateOrgRoute, { token, params: { id: first.id }, body: { slug, name: first.name } })).status).toBe(200);
    expect((await callApi(getOrgRoute, { token, params: { id: UNKNOWN_ID } })).body.error).toBe('org_not_found');
    expect((await callApi(getOrgRoute, { token, params: { id: 'not-a-uuid' } })).status).toBe(404);
    expect((await callApi(updateOrgRoute, { token, params: { id: UNKNOWN_ID }, body: { name: 'x' } })).status).toBe(404);
    expect((await callApi(deleteOrgRoute, { token, params: { id: UNKNOWN_ID } })).status).toBe(404);
    expect((await callApi(listOrgUsersRoute, { token: await s2sToken(['read_org', 'read_user']), params: { id: UNKNOWN_ID } })).status).toBe(404);
  });

  it('refuses to delete an org that is a user’s active org (org_in_use); memberships and groups go with a deleted org', async () => {
    await ensureSeeded();
    const token = await s2sToken(['read_org', 'write_org']);
    const slug = `busy-${unique()}`;
    const org = (await callApi(createOrgRoute, { token, body: { name: slug, slug } })).body.org;
    const user = await makeUser();
    await db.user.update({ where: { id: user.id }, data: { activeOrgId: org.id, orgs: { create: { orgId: org.id } } } });
    await db.orgGroup.create({ data: { orgId: org.id, name: 'Team' } });
    const refused = await callApi(deleteOrgRoute, { token, params: { id: org.id } });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('org_in_use');
    expect(await db.org.count({ where: { id: org.id } })).toBe(1);

    await db.user.update({ where: { id: user.id }, data: { activeOrgId: null } });
    expect((await callApi(deleteOrgRoute, { token, params: { id: org.id } })).status).toBe(204);
    expect(await db.userOrg.count({ where: { orgId: org.id } })).toBe(0);
    expect(await db.orgGroup.count({ where: { orgId: org.id } })).toBe(0);
  });

  it('lists users whose active org it is (search, pages, count) and every member', async () => {
    await ensureSeeded();
    const writer = await s2sToken(['write_org']);
    const token = await s2sToken(['read_org', 'read_user']);
    const slug = `people-${unique()}`;
    const org = (await callApi(createOrgRoute, { token: writer, body: { name: slug, slug } })).body.org;
    const tag = unique();
    const active = [];
    for (const name of ['Ann', 'Bea', 'Cy']) {
      const user = await makeUser({ email: `${name.toLowerCase()}-${tag}@example.test`, firstName: name });
      await db.user.update({ where: { id: user.id }, data: { activeOrgId: org.id, orgs: { create: { orgId: org.id } } } });
      active.push(user);
    }
    const memberOnly = await makeUser();
    await db.userOrg.create({ data: { userId: memberOnly.id, orgId: org.id } });
    await makeUser(); // not a member

    const all = await callApi(listOrgUsersRoute, { token, params: { id: org.id } });
    expect(all.status).toBe(200);
    expect(all.body.count).toBe(3);
    expect(all.body.users.map((user: { authId: string }) => user.authId)).toEqual(active.map((user) => user.id));
    expect(all.body.users[0]).toMatchObject({ id: active[0]!.id, authId: active[0]!.id, email: active[0]!.email, firstName: 'Ann' });

    const page = await callApi(listOrgUsersRoute, { token, params: { id: org.id }, query: { page_size: '2', page_number: '2' } });
    expect(page.body).toMatchObject({ count: 3, users: [{ authId: active[2]!.id }] });
    const found = await callApi(listOrgUsersRoute, { token, params: { id: org.id }, query: { search: `BEA ${tag}` } });
    expect(found.body).toMatchObject({ count: 1, users: [{ authId: active[1]!.id }] });
    expect((await callApi(listOrgUsersRoute, { token, params: { id: org.id }, query: { page_size: '0' } })).status).toBe(400);

    const members = await callApi(listOrgAllUsersRoute, { token, params: { id: org.id } });
    expect(members.body.count).toBe(4);
    expect(members.body.users.map((user: { authId: string }) => user.authId)).toEqual([...active.map((user) => user.id), memberOnly.id]);
    const second = await callApi(listOrgAllUsersRoute, { token, params: { id: org.id }, query: { page_size: '3', page_number: '2' } });
    expect(second.body).toMatchObject({ count: 4, users: [{ authId: memberOnly.id }] });
  });

  it('needs read_org to read, write_org to write, and read_user too for user lists (403)', async () => {
    await ensureSeeded();
    const readOnly = await s2sToken(['read_org']);
    expect((await callApi(listOrgsRoute, { token: readOnly })).status).toBe(200);
    const denied = await callApi(createOrgRoute, { token: readOnly, body: { name: 'x', slug: 'x' } });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toBe('insufficient_scope');
    expect((await callApi(updateOrgRoute, { token: readOnly, params: { id: UNKNOWN_ID }, body: {} })).status).toBe(403);
    expect((await callApi(deleteOrgRoute, { token: readOnly, params: { id: UNKNOWN_ID } })).status).toBe(403);
    expect((await callApi(listOrgUsersRoute, { token: readOnly, params: { id: UNKNOWN_ID } })).status).toBe(403);
    expect((await callApi(listOrgAllUsersRoute, { token: readOnly, params: { id: UNKNOWN_ID } })).status).toBe(403);
    const writeOnly = await s2sToken(['write_org']);
    expect((await callApi(listOrgsRoute, { token: writeOnly })).status).toBe(403);
    expect((await callApi(getOrgRoute, { token: await s2sToken(['read_user']), params: { id: UNKNOWN_ID } })).status).toBe(403);
    const root = await s2sToken(['root']);
    expect((await callApi(createOrgRoute, { token: root, body: { name: `root-${unique()}`, slug: `root-${unique()}` } })).status).toBe(201);
  });
});
