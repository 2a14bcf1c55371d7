import { describe, expect, it } from 'vitest';
import { ADMIN_SECTIONS, canSeeSection, sectionOfPath, visibleSections } from './sections';

const ids = (scopes: string[]) => visibleSections(scopes).map((section) => section.id);

describe('admin sections', () => {
  it('shows every section to root (super_admin), including root-only and SAML', () => {
    expect(ids(['root'])).toEqual(ADMIN_SECTIONS.map((section) => section.id));
  });

  it('shows a custom role only the sections its scopes allow, plus home and account', () => {
    expect(ids(['read_scope'])).toEqual(['dashboard', 'scopes', 'account']);
    expect(ids(['read_user', 'write_user'])).toEqual(['dashboard', 'users', 'userAttributes', 'account']);
    expect(ids(['read_app', 'manage_saml'])).toEqual(['dashboard', 'apps', 'banners', 'saml', 'account']);
  });

  it('never shows root-only sections to a custom role, whatever it holds', () => {
    const everyCustomRight = ['read_user', 'write_user', 'read_app', 'write_app', 'read_role', 'write_role', 'read_scope', 'write_scope', 'read_org', 'write_org', 'impersonation', 'manage_saml'];
    expect(canSeeSection(everyCustomRight, 'logs')).toBe(false);
    expect(canSeeSection(everyCustomRight, 'audit')).toBe(false);
  });

  it('shows nothing to a session without admin rights', () => {
    expect(ids([])).toEqual([]);
  });

  it('maps a path to its section by the longest prefix', () => {
    expect(sectionOfPath('/admin')).toBe('dashboard');
    expect(sectionOfPath('/admin/users')).toBe('users');
    expect(sectionOfPath('/admin/users/123')).toBe('users');
    expect(sectionOfPath('/admin/user-attributes')).toBe('userAttributes');
    expect(sectionOfPath('/admin/usersx')).toBe('dashboard');
    expect(sectionOfPath('/elsewhere')).toBeNull();
  });
});
