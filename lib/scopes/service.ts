import { db } from '@/lib/db';

export interface LocalizedScope {
  name: string;
  description: string;
}

/** Scope names with the consent text for a locale, falling back to the default locale, the note, then the name. */
export async function describeScopes(names: string[], locale: string, defaultLocale: string): Promise<LocalizedScope[]> {
  const scopes = await db.scope.findMany({ where: { name: { in: names } }, include: { locales: true } });
  const byName = new Map(scopes.map((scope) => [scope.name, scope]));
  return names.map((name) => {
    const scope = byName.get(name);
    const text =
      scope?.locales.find((entry) => entry.locale === locale)?.value ||
      scope?.locales.find((entry) => entry.locale === defaultLocale)?.value ||
      scope?.note ||
      name;
    return { name, description: text };
  });
}
