import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { db } from '@/lib/db';
import { S2S_BUILT_IN_SCOPES } from '@/lib/access/builtin';
import { ensureSeeded } from '@/lib/testing/factories';
import { callApi, s2sToken } from '../testing';
import { createSamlIdpRoute, deleteSamlIdpRoute, getSamlIdpRoute, listSamlIdpsRoute, updateSamlIdpRoute } from './saml-idps';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const METADATA = `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.test/metadata">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.test/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;

const idpBody = (name: string) => ({ name, userIdAttribute: 'uid', emailAttribute: 'mail', firstNameAttribute: null, metadata: METADATA });

afterEach(() => resetConfigForTesting());

describe('S2S API: SAML IdPs, ENABLE_SAML_SSO_AS_SP off (the default)', () => {
  it('answers every operation with 400 feature_disabled and writes nothing', async () => {
    await ensureSeeded();
    const root = await s2sToken(['root']);
    const calls = [
      callApi(listSamlIdpsRoute, { token: root }),
      callApi(getSamlIdpRoute, { token: root, params: { id: UNKNOWN_ID } }),
      callApi(createSamlIdpRoute, { token: root, body: idpBody('off') }),
      callApi(updateSamlIdpRoute, { token: root, params: { id: UNKNOWN_ID }, body: { isActive: false } }),
      callApi(deleteSamlIdpRoute, { token: root, params: { id: UNKNOWN_ID } }),
    ];
    for (const result of await Promise.all(calls)) {
      expect(result.status).toBe(400);
      expect(result.body.error).toBe('feature_disabled');
    }
    expect(await db.samlIdp.count()).toBe(0);
  });
});

describe('S2S API: SAML IdPs, ENABLE_SAML_SSO_AS_SP on', () => {
  beforeEach(async () => {
    overrideConfigForTesting({ enableSamlSsoAsSp: true });
    await db.samlIdp.deleteMany();
  });

  it('creates, lists, reads, updates and deletes an IdP, with an audit event per write (metadata by hash)', async () => {
    await ensureSeeded();
    const root = await s2sToken(['root']);
    const created = await callApi(createSamlIdpRoute, { token: root, body: idpBody('corp-idp') });
    expect(created.status).toBe(201);
    expect(created.body.idp).toMatchObject({
      name: 'corp-idp',
      isActive: true,
      userIdAttribute: 'uid',
      emailAttribute: 'mail',
      firstNameAttribute: null,
      lastNameAttribute: null,
      metadata: METADATA,
    });
    const id = created.body.idp.id as string;
    await callApi(createSamlIdpRoute, { token: root, body: { name: 'another', userIdAttribute: 'sub', metadata: METADATA } });
    expect((await callApi(listSamlIdpsRoute, { token: root })).body.idps.map((idp: { name: string }) => idp.name)).toEqual(['another', 'corp-idp']);

    const updated = await callApi(updateSamlIdpRoute, {
      token: root,
      params: { id },
      body: { isActive: false, emailAttribute: null, lastNameAttribute: 'sn', name: 'renamed-ignored' },
    });
    expect(updated.body.idp).toMatchObject({ name: 'corp-idp', isActive: false, emailAttribute: null, lastNameAttribute: 'sn', userIdAttribute: 'uid' });
    expect((await callApi(getSamlIdpRoute, { token: root, params: { id } })).body.idp.isActive).toBe(false);

    expect((await callApi(deleteSamlIdpRoute, { token: root, params: { id } })).status).toBe(204);
    expect((await callApi(getSamlIdpRoute, { token: root, params: { id } })).status).toBe(404);
    const events = await db.auditEvent.findMany({ where: { targetId: id }, orderBy: { createdAt: 'asc' } });
    expect(events.map((event) => event.action)).toEqual(['saml_idp.created', 'saml_idp.updated', 'saml_idp.deleted']);
    expect(events[0]!.after).toMatchObject({ name: 'corp-idp', metadataLength: METADATA.length, metadataSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.stringify(events)).not.toContain('EntityDescriptor');
  });

  it('is root only: every other API scope gets 403', async () => {
    await ensureSeeded();
    const allButRoot = await s2sToken(S2S_BUILT_IN_SCOPES.filter((scope) => scope !== 'root'));
    const calls = [
      callApi(listSamlIdpsRoute, { token: allButRoot }),
      callApi(getSamlIdpRoute, { token: allButRoot, params: { id: UNKNOWN_ID } }),
      callApi(createSamlIdpRoute, { token: allButRoot, body: idpBody('denied') }),
      callApi(updateSamlIdpRoute, { token: allButRoot, params: { id: UNKNOWN_ID }, body: { isActive: false } }),
      callApi(deleteSamlIdpRoute, { token: allButRoot, params: { id: UNKNOWN_ID } }),
    ];
    for (const result of await Promise.all(calls)) {
      expect(result.status).toBe(403);
      expect(result.body.error).toBe('insufficient_scope');
    }
    expect((await callApi(listSamlIdpsRoute)).status).toBe(401);
    expect(await db.samlIdp.count()).toBe(0);
  });

  it('validates names, attributes and metadata (XML with an EntityDescriptor, no DTD, size cap); 409 on duplicates; 404 on unknown ids', async () => {
    await ensureSeeded();
    const root = await s2sToken(['root']);
    const invalid = await callApi(createSamlIdpRoute, { token: root, body: { name: 'has space', userIdAttribute: '', metadata: METADATA } });
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.body.fields)).toEqual(expect.arrayContaining(['name', 'userIdAttribute']));
    const badMetadata = [
      'not xml at all',
      '<html><body>EntityDescriptor</body></html>',
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${METADATA.slice(METADATA.indexOf('<md:'))}`,
      `<EntityDescriptor entityID="x">${' '.repeat(256 * 1024)}</EntityDescriptor>`,
      '',
    ];
    for (const metadata of badMetadata) {
      const refused = await callApi(createSamlIdpRoute, { token: root, body: { ...idpBody('bad'), metadata } });
      expect(refused.status, metadata.slice(0, 40)).toBe(400);
      expect(refused.body).toMatchObject({ error: 'invalid_input', fields: { metadata: expect.any(String) } });
    }
    expect((await callApi(createSamlIdpRoute, { token: root, body: { ...idpBody('plain'), metadata: '<EntityDescriptor entityID="x"></EntityDescriptor>' } })).status).toBe(201);
    expect(await db.samlIdp.count()).toBe(1);
    const dup = await callApi(createSamlIdpRoute, { token: root, body: idpBody('plain') });
    expect(dup).toMatchObject({ status: 409, body: { error: 'idp_name_taken' } });

    const id = (await db.samlIdp.findFirstOrThrow()).id;
    expect((await callApi(updateSamlIdpRoute, { token: root, params: { id }, body: { metadata: '<x/>' } })).body.fields).toHaveProperty('metadata');
    expect((await callApi(updateSamlIdpRoute, { token: root, params: { id: UNKNOWN_ID }, body: { isActive: true } })).status).toBe(404);
    expect((await callApi(deleteSamlIdpRoute, { token: root, params: { id: UNKNOWN_ID } })).status).toBe(404);
    expect((await callApi(getSamlIdpRoute, { token: root, params: { id: 'nope' } })).status).toBe(404);
  });
});
