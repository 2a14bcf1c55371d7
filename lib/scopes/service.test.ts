import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { ensureSeeded } from '@/lib/testing/factories';
import { describeScopes } from './service';

const texts = async (locale: string) => (await describeScopes(['openid', 'profile', 'offline_access'], locale, 'en')).map((scope) => scope.description);

describe('describeScopes (consent texts)', () => {
  it('shows the seeded texts in en and zh-CN', async () => {
    await ensureSeeded();
    expect(await texts('en')).toEqual([
      'Confirm your identity',
      'Read your basic profile: name, email address and language',
      'Stay signed in and access your account while you are away',
    ]);
    expect(await texts('zh-CN')).toEqual(['确认你的身份', '读取你的基本资料：姓名、电子邮件地址和语言', '保持登录状态，并在你离开时访问你的账户']);
  });

  it('takes a built-in scope’s text from the catalog for a language the database has no text for', async () => {
    await ensureSeeded();
    expect(await texts('fr')).toEqual([
      'Confirmer votre identité',
      'Lire votre profil de base : nom, adresse e-mail et langue',
      'Rester connecté et accéder à votre compte en votre absence',
    ]);
    expect((await texts('de'))[1]).toBe('Ihr Basisprofil lesen: Name, E-Mail-Adresse und Sprache');
    expect((await texts('ja'))[0]).toBe('本人確認');
  });

  it('prefers the deployer’s text for that language, and falls back to the default locale for other scopes', async () => {
    await ensureSeeded();
    const openid = await db.scope.findUniqueOrThrow({ where: { name: 'openid' } });
    await db.scopeLocale.create({ data: { scopeId: openid.id, locale: 'es', value: 'Verificar quién eres' } });
    await db.scope.create({
      data: { name: 'read:reports', type: 'spa', note: 'Reports', locales: { create: [{ locale: 'en', value: 'Read your reports' }] } },
    });
    const described = await describeScopes(['openid', 'read:reports', 'unknown'], 'es', 'en');
    expect(described.map((scope) => scope.description)).toEqual(['Verificar quién eres', 'Read your reports', 'unknown']);
  });
});

describe('migration zh_cn_scope_texts_informal (bug: databases seeded before zh-CN moved to 你 kept 您)', () => {
  it('rewrites the old seeded texts and leaves texts an admin edited alone', async () => {
    await ensureSeeded();
    const scope = async (name: string) => db.scope.findFirstOrThrow({ where: { name } });
    const [openid, profile] = [await scope('openid'), await scope('profile')];
    await db.scopeLocale.update({ where: { scopeId_locale: { scopeId: openid.id, locale: 'zh-CN' } }, data: { value: '确认您的身份' } });
    await db.scopeLocale.update({ where: { scopeId_locale: { scopeId: profile.id, locale: 'zh-CN' } }, data: { value: '读取您的资料（由管理员修改）' } });

    const sql = fs.readFileSync(path.join(process.cwd(), 'prisma/migrations/20261123091500_zh_cn_scope_texts_informal/migration.sql'), 'utf8');
    const statements = sql.replace(/^--.*$/gm, '').split(';').map((part) => part.trim()).filter(Boolean);
    expect(statements).toHaveLength(3);
    for (const statement of statements) await db.$executeRawUnsafe(statement);

    const text = async (scopeId: string) => (await db.scopeLocale.findUniqueOrThrow({ where: { scopeId_locale: { scopeId, locale: 'zh-CN' } } })).value;
    expect(await text(openid.id)).toBe('确认你的身份');
    expect(await text(profile.id)).toBe('读取您的资料（由管理员修改）');
  });
});
