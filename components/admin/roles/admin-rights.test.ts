import { describe, expect, it } from 'vitest';
import { ADMIN_SCOPES } from '@/lib/roles/admin-scopes';
import { mayGrant, RIGHTS_RESOURCES, rightScope, SPECIAL_RIGHTS } from './admin-rights';

describe('admin rights matrix', () => {
  it('covers every admin scope a custom role can hold, once', () => {
    const cells = [...RIGHTS_RESOURCES.flatMap((resource) => [rightScope(resource, 'read'), rightScope(resource, 'write')]), ...SPECIAL_RIGHTS];
    expect([...cells].sort()).toEqual([...ADMIN_SCOPES].sort());
  });

  it('lets an admin grant only what the API lets it grant', () => {
    expect(mayGrant(['root'], 'write_user')).toBe(true);
    expect(mayGrant(['root'], 'impersonation')).toBe(true);
    expect(mayGrant(['read_role', 'write_role', 'read_user'], 'read_user')).toBe(true);
    expect(mayGrant(['read_role', 'write_role', 'read_user'], 'write_user')).toBe(false);
    // impersonation and SAML need root even when held
    expect(mayGrant(['write_role', 'impersonation', 'manage_saml'], 'impersonation')).toBe(false);
    expect(mayGrant(['write_role', 'impersonation', 'manage_saml'], 'manage_saml')).toBe(false);
  });
});
