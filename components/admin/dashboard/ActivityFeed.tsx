'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge } from '@/components/ui/Badge';
import { useLiveEvents, type LiveEvent } from '../live-events';

const KEPT = 50;

/** What an event is about, from its payload: a user's email or id, an app's or org's name. */
function subjectOf(event: LiveEvent): string | null {
  const data = event.data as { user?: { email?: string | null; authId?: string }; authId?: string; app?: { name?: string }; org?: { name?: string }; email?: string | null };
  return data.user?.email ?? data.user?.authId ?? data.email ?? data.authId ?? data.app?.name ?? data.org?.name ?? null;
}

/**
 * The home page's live activity feed: the events of the stream the admin's rights allow (the
 * server filters them), newest first, from the moment the page opened.
 */
export function ActivityFeed() {
  const t = useTranslations('adminActivity');
  const format = useFormatter();
  const [events, setEvents] = useState<LiveEvent[]>([]);
  const status = useLiveEvents((event) => setEvents((current) => (current.some((other) => other.id === event.id) ? current : [event, ...current].slice(0, KEPT))));

  return (
    <section aria-labelledby="admin-activity" className="rounded-card border border-border bg-surface p-4 sm:p-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="admin-activity" className="text-lg font-semibold text-surface-foreground">
          {t('title')}
        </h2>
        <Badge variant={status === 'live' ? 'success' : 'warning'} data-testid="activity-status" data-status={status}>
          {t(`status.${status}`)}
        </Badge>
      </div>
      <p className="mt-1 text-sm text-muted-foreground">{t('description')}</p>
      <div role="log" aria-labelledby="admin-activity" className="mt-4">
        {events.length ? (
          <ol className="grid max-h-96 gap-2 overflow-y-auto text-sm" data-testid="activity-feed">
            {events.map((event) => {
              const subject = subjectOf(event);
              return (
                <li key={event.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 border-b border-border pb-2 last:border-0" data-event-type={event.type}>
                  <time dateTime={event.timestamp} className="text-xs text-muted-foreground tabular-nums">
                    {format.dateTime(new Date(event.timestamp), { timeStyle: 'medium' })}
                  </time>
                  <code className="font-mono text-xs">{event.type}</code>
                  {subject ? <span className="min-w-0 break-all text-surface-foreground">{subject}</span> : null}
                  <span className="text-xs text-muted-foreground">{t('by', { actor: t(`actors.${event.actor.type === 'user' || event.actor.type === 'app' || event.actor.type === 'api_key' ? event.actor.type : 'system'}`) })}</span>
                </li>
              );
            })}
          </ol>
        ) : (
          <p className="text-sm text-muted-foreground">{t('empty')}</p>
        )}
      </div>
    </section>
  );
}
