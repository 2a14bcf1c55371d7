export const SPA_BUILT_IN_SCOPES = ['openid', 'profile', 'offline_access'] as const;
export const S2S_BUILT_IN_SCOPES = [
  'root',
  'read_user',
  'write_user',
  'read_app',
  'write_app',
  'read_role',
  'write_role',
  'read_scope',
  'write_scope',
  'read_org',
  'write_org',
] as const;

export const BUILT_IN_SCOPES = [...SPA_BUILT_IN_SCOPES, ...S2S_BUILT_IN_SCOPES] as const;

/**
 * Consent-screen text of the built-in user scopes, seeded as scope locales. The same texts are in
 * every catalog (consent.scopes), which the consent page uses for a language that has none here.
 */
export const BUILT_IN_SCOPE_LOCALES: Record<string, Record<string, string>> = {
  openid: { en: 'Confirm your identity', 'zh-CN': '确认你的身份' },
  profile: { en: 'Read your basic profile: name, email address and language', 'zh-CN': '读取你的基本资料：姓名、电子邮件地址和语言' },
  offline_access: { en: 'Stay signed in and access your account while you are away', 'zh-CN': '保持登录状态，并在你离开时访问你的账户' },
};

export const SUPER_ADMIN_ROLE = 'super_admin';
