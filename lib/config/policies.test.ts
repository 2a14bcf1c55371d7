import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index';
import { publicConfiguration } from './public';

const base = { SECRET_KEY: 'k'.repeat(64) };

describe('policy, org switch and branding variables', () => {
  it('default to Melody’s values (nothing blocked, no org choice) and no font hosts', () => {
    const config = loadConfig(base);
    expect(config.blockedPolicies).toEqual([]);
    expect(config.allowUserSwitchOrgOnSignIn).toBe(false);
    expect(config.brandingFontHosts).toEqual([]);
    expect(publicConfiguration(config)).toMatchObject({ BLOCKED_POLICIES: [], ALLOW_USER_SWITCH_ORG_ON_SIGN_IN: false, BRANDING_FONT_HOSTS: [] });
  });

  it('read BLOCKED_POLICIES as a JSON array or a list, and refuse unknown policies', () => {
    expect(loadConfig({ ...base, BLOCKED_POLICIES: '["change_org","delete_account"]' }).blockedPolicies).toEqual(['change_org', 'delete_account']);
    expect(loadConfig({ ...base, BLOCKED_POLICIES: 'change_password, manage_sessions' }).blockedPolicies).toEqual(['change_password', 'manage_sessions']);
    expect(() => loadConfig({ ...base, BLOCKED_POLICIES: 'reset_everything' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, BLOCKED_POLICIES: 'sign_in_or_sign_up' })).toThrow(/BLOCKED_POLICIES/);
    expect(loadConfig({ ...base, ALLOW_USER_SWITCH_ORG_ON_SIGN_IN: 'true' }).allowUserSwitchOrgOnSignIn).toBe(true);
  });

  it('accept host names only in BRANDING_FONT_HOSTS', () => {
    expect(loadConfig({ ...base, BRANDING_FONT_HOSTS: 'Fonts.GoogleAPIs.com,fonts.gstatic.com' }).brandingFontHosts).toEqual(['fonts.googleapis.com', 'fonts.gstatic.com']);
    for (const bad of ['https://fonts.googleapis.com', 'fonts.example.com:8443', 'fonts.example.com/css', "x' 'unsafe-inline", '*.example.com']) {
      expect(() => loadConfig({ ...base, BRANDING_FONT_HOSTS: bad }), bad).toThrow(/BRANDING_FONT_HOSTS/);
    }
  });
});
