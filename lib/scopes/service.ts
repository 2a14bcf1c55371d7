import { db } from '@/lib/db';
import { loadMessages } from '@/lib/i18n/catalog';
import { isSupportedLocale } from '@/lib/config/locales';

export interface LocalizedScope {
  name: string;
  description: string;
}

/**
 * Scope names with the consent text for a locale: the scope's own text for that locale, else the
 * catalog's text of a built-in scope (the database is seeded in en and zh-CN only, and a deployer
 * edits scope texts per language), else the scope's text in the default locale, its note, its name.
 */
export async function describeScopes(names: string[], locale: string, defaultLocale: string): Promise<LocalizedScope[]> {
  const [scopes, catalogTexts] = await Promise.all([
    db.scope.findMany({ where: { name: { in: names } }, include: { locales: true } }),
    isSupportedLocale(locale) ? loadMessages(locale).then((messages): Record<string, string> => messages.consent.scopes) : Promise.resolve<Record<string, string>>({}),
  ]);
  const byName = new Map(scopes.map((scope) => [scope.name, scope]));
  return names.map((name) => {
    const scope = byName.get(name);
    const text =
      scope?.locales.find((entry) => entry.locale === locale)?.value ||
      (scope?.isBuiltIn ? catalogTexts[name] : undefined) ||
      scope?.locales.find((entry) => entry.locale === defaultLocale)?.value ||
      scope?.note ||
      name;
    return { name, description: text };
  });
}
