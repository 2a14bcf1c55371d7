-- Data only: databases seeded before the zh-CN catalog moved to 你 keep the seed's old 您 texts
-- for the built-in scopes (the seed never overwrites rows). Only rows still holding the old seed
-- text change; a text an admin edited stays as it is.
UPDATE "scope_locales" SET "value" = '确认你的身份'
  WHERE "locale" = 'zh-CN' AND "value" = '确认您的身份';
UPDATE "scope_locales" SET "value" = '读取你的基本资料：姓名、电子邮件地址和语言'
  WHERE "locale" = 'zh-CN' AND "value" = '读取您的基本资料：姓名、电子邮件地址和语言';
UPDATE "scope_locales" SET "value" = '保持登录状态，并在你离开时访问你的账户'
  WHERE "locale" = 'zh-CN' AND "value" = '保持登录状态，并在您离开时访问您的账户';
