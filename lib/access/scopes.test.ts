import { describe, expect, it } from 'vitest';
import { rightsOfRoles } from './rights';
import { hasScope, holdsRight, isRoot, missingScopes, rightsNotHeld } from './scopes';

describe('access: scopes and rights', () => {
  it('hasScope: root holds every scope, others exactly what they list (list or holder)', () => {
    expect(hasScope(['root'], 'write_scope')).toBe(true);
    expect(hasScope(['read_scope'], 'write_scope')).toBe(false);
    expect(hasScope({ scopes: ['read_scope', 'write_scope'] }, 'write_scope')).toBe(true);
    expect(isRoot({ scopes: ['read_user'] })).toBe(false);
  });

  it('missingScopes: none for root or for the alternative right, else the ones not held', () => {
    expect(missingScopes(['read_user'], ['read_user', 'write_user'])).toEqual(['write_user']);
    expect(missingScopes(['root'], ['read_user', 'write_user'])).toEqual([]);
    expect(missingScopes(['impersonation'], ['root'], 'impersonation')).toEqual([]);
    expect(missingScopes(['read_user'], ['root'], 'impersonation')).toEqual(['root']);
  });

  it('holdsRight: root, impersonation and manage_saml only through root; other rights by themselves', () => {
    expect(holdsRight(['impersonation'], 'impersonation')).toBe(false);
    expect(holdsRight(['root'], 'manage_saml')).toBe(true);
    expect(holdsRight(['write_app'], 'write_app')).toBe(true);
    expect(holdsRight(['write_user'], 'root')).toBe(false);
    expect(rightsNotHeld(['read_user', 'write_user'], ['read_user', 'write_app', 'write_app', 'root'])).toEqual(['write_app', 'root']);
  });

  it('rightsOfRoles: super_admin is root; other roles the union of their known admin scopes', () => {
    expect(rightsOfRoles([{ name: 'super_admin', isBuiltIn: true, adminScopes: ['root'] }])).toEqual(['root']);
    expect(rightsOfRoles([{ name: 'a', isBuiltIn: false, adminScopes: ['write_org', 'bogus', 'root'] }])).toEqual(['write_org']);
  });
});
