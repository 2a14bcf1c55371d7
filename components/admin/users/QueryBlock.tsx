'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { ReactNode, Ref } from 'react';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/States';
import type { ApiError } from '../api-client';

/**
 * The states of one read inside a user's tab: a skeleton while loading, the error with Retry, a
 * plain notice when the feature is switched off on the server (feature_disabled), else `children`.
 */
export function QueryBlock<T>({ query, children }: { query: UseQueryResult<T, ApiError>; children: (data: T) => ReactNode }) {
  const t = useTranslations('adminUsers');
  const tCommon = useTranslations('admin.common');
  if (query.error) {
    if (query.error.code === 'feature_disabled') return <EmptyState title={t('featureDisabled')}>{query.error.message}</EmptyState>;
    return <ErrorState title={t('loadFailed')} message={query.error.message} retryLabel={tCommon('retry')} onRetry={() => query.refetch()} retrying={query.isFetching} />;
  }
  if (query.data === undefined) {
    return <LoadingState label={tCommon('loading')} bars={['h-8', 'h-8']} />;
  }
  return <>{children(query.data)}</>;
}

/** A titled block of a user's tab; `headingRef` makes its heading a focus target (e.g. after a removal). */
export function UserSection({
  title,
  description,
  actions,
  headingRef,
  children,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  headingRef?: Ref<HTMLHeadingElement>;
  children: ReactNode;
}) {
  return (
    <section className="flex flex-col gap-3 rounded-card border border-border bg-surface p-4 sm:p-6" aria-label={title}>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
        <div>
          <h2 ref={headingRef} tabIndex={headingRef ? -1 : undefined} className="rounded-control text-lg font-semibold text-surface-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring">
            {title}
          </h2>
          {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
        </div>
        {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}
