'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { ScrollRegion } from '@/components/ui/ScrollRegion';
import { ErrorState, Skeleton } from '@/components/ui/States';
import { cn } from '@/lib/ui/cn';
import { useApiQuery } from '../query';
import { useUrlChoice } from '../use-url-params';
import { BarChart } from './BarChart';

interface DailyStats {
  date: string;
  signIns: number;
  failedSignIns: number;
  newUsers: number;
  activeUsers: number;
}

const SERIES = ['signIns', 'failedSignIns', 'newUsers', 'activeUsers'] as const;
const PERIODS = ['7', '30'] as const;

/**
 * Activity charts of the dashboard's home: four series per UTC day over 7 or 30 days, with the
 * numbers as a table. Three of them come from the sign-in log, so with it off a note says why
 * they stay at zero.
 */
export function StatsPanel({ signInLogEnabled }: { signInLogEnabled: boolean }) {
  const t = useTranslations('admin.home.stats');
  const tCommon = useTranslations('admin.common');
  const format = useFormatter();
  // The period is in the URL (?days=30), so the view can be bookmarked.
  const [period, setPeriod] = useUrlChoice('days', PERIODS);
  const days = Number(period);
  const stats = useApiQuery<{ stats: DailyStats[] }>('/api/v1/stats', { days });
  const rows = stats.data?.stats;

  return (
    <section aria-labelledby="admin-stats" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="admin-stats" className="text-lg font-semibold text-foreground">
          {t('title')}
        </h2>
        <div role="group" aria-label={t('period')} className="inline-flex rounded-control border border-input p-0.5">
          {PERIODS.map((choice) => (
            <button
              key={choice}
              type="button"
              aria-pressed={period === choice}
              onClick={() => setPeriod(choice)}
              className={cn(
                'rounded-[calc(var(--radius)-0.25rem)] px-3 py-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring',
                period === choice ? 'bg-brand text-brand-foreground' : 'text-muted-foreground hover:text-foreground',
              )}
            >
              {t('lastDays', { days: Number(choice) })}
            </button>
          ))}
        </div>
      </div>

      {signInLogEnabled ? null : (
        <p className="rounded-card border border-border bg-surface p-4 text-sm text-muted-foreground" data-testid="stats-sign-in-log-off">
          {t('signInLogOff')}
        </p>
      )}

      {stats.error && !rows ? (
        <ErrorState title={t('failed')} message={stats.error.message} retryLabel={tCommon('retry')} onRetry={() => stats.refetch()} retrying={stats.isFetching} className="rounded-card border border-border bg-surface" />
      ) : (
        <div className="grid gap-4 sm:grid-cols-2" aria-busy={stats.isFetching || undefined} data-testid="admin-stats">
          {SERIES.map((series) => {
            const total = rows?.reduce((sum, row) => sum + row[series], 0) ?? 0;
            const peak = rows?.reduce<DailyStats | null>((best, row) => (!best || row[series] > best[series] ? row : best), null);
            return (
              <div key={series} className="rounded-card border border-border bg-surface p-4" data-series={series}>
                <h3 className="text-sm font-medium text-muted-foreground">{t(`series.${series}`)}</h3>
                {rows ? (
                  <>
                    <p className="mt-1 text-2xl font-semibold text-surface-foreground" data-testid={`stats-total-${series}`}>
                      {format.number(total)}
                    </p>
                    <BarChart
                      className="mt-3"
                      points={rows.map((row) => ({ label: row.date, value: row[series] }))}
                      summary={t('summary', { series: t(`series.${series}`), days, total, peak: peak?.[series] ?? 0, date: peak?.date ?? '' })}
                    />
                  </>
                ) : (
                  <div className="mt-2 flex flex-col gap-3">
                    <Skeleton className="h-7 w-16" />
                    <Skeleton className="h-28" />
                  </div>
                )}
              </div>
            );
          })}
        </div>
      )}

      {rows ? (
        <details className="rounded-card border border-border bg-surface p-4 text-sm">
          <summary className="cursor-pointer font-medium text-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring">{t('asTable')}</summary>
          <ScrollRegion label={t('tableCaption', { days })} className="mt-3">
            <table className="w-full text-start">
              <caption className="sr-only">{t('tableCaption', { days })}</caption>
              <thead className="text-xs text-muted-foreground uppercase">
                <tr>
                  <th scope="col" className="px-2 py-1 text-start font-medium">
                    {t('date')}
                  </th>
                  {SERIES.map((series) => (
                    <th key={series} scope="col" className="px-2 py-1 text-end font-medium">
                      {t(`series.${series}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.date} className="border-t border-border">
                    <th scope="row" className="px-2 py-1 text-start font-normal whitespace-nowrap">
                      {row.date}
                    </th>
                    {SERIES.map((series) => (
                      <td key={series} className="px-2 py-1 text-end tabular-nums">
                        {format.number(row[series])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </details>
      ) : null}
    </section>
  );
}
