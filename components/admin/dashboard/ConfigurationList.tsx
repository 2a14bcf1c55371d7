import { Fragment } from 'react';
import { getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/Badge';
import { ScrollRegion } from '@/components/ui/ScrollRegion';
import { publicConfiguration } from '@/lib/config/public';

type ConfigValue = ReturnType<typeof publicConfiguration>[keyof ReturnType<typeof publicConfiguration>];

/**
 * The effective configuration, read-only, under Melody's variable names: exactly what GET /info
 * reveals (lib/config/public.ts), so no secret can appear here. Server Component.
 */
export async function ConfigurationList() {
  const t = await getTranslations('admin.home.configuration');
  const tCommon = await getTranslations('admin.common');
  const entries = Object.entries(publicConfiguration()) as [string, ConfigValue][];

  const show = (value: ConfigValue) => {
    if (typeof value === 'boolean') return <Badge variant={value ? 'success' : 'neutral'}>{value ? tCommon('on') : tCommon('off')}</Badge>;
    if (value === null || value === undefined || value === '') return <span className="text-muted-foreground">{t('notSet')}</span>;
    if (Array.isArray(value)) return value.length ? <code className="font-mono text-xs wrap-anywhere">{value.join(', ')}</code> : <span className="text-muted-foreground">{t('none')}</span>;
    if (typeof value === 'object') return <code className="font-mono text-xs wrap-anywhere">{JSON.stringify(value)}</code>;
    return <code className="font-mono text-xs wrap-anywhere">{String(value)}</code>;
  };

  return (
    <section aria-labelledby="admin-configuration" className="flex flex-col gap-3">
      <h2 id="admin-configuration" className="text-lg font-semibold text-foreground">
        {t('title')}
      </h2>
      <p className="text-sm text-muted-foreground">{t('description')}</p>
      <ScrollRegion label={t('title')} className="rounded-card border border-border bg-surface">
        <table className="w-full text-sm" data-testid="admin-configuration">
          <caption className="sr-only">{t('title')}</caption>
          <thead className="bg-muted text-xs text-muted-foreground uppercase">
            <tr>
              <th scope="col" className="px-4 py-2 text-start font-medium">
                {t('variable')}
              </th>
              <th scope="col" className="px-4 py-2 text-start font-medium">
                {t('value')}
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map(([name, value]) => (
              <tr key={name} className="border-t border-border" data-variable={name}>
                <th scope="row" className="px-4 py-2 text-start align-top font-mono text-xs font-medium">
                  {wrapAtUnderscores(name)}
                </th>
                <td className="px-4 py-2 align-top">{show(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

/** A variable name that a narrow column wraps between its words (ENABLE_ / PASSWORD_ / …), never inside one. */
function wrapAtUnderscores(name: string) {
  return name.split('_').map((word, index) => (
    <Fragment key={index}>
      {index ? (
        <>
          _<wbr />
        </>
      ) : null}
      {word}
    </Fragment>
  ));
}
