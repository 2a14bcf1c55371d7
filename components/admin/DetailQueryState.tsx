'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { buttonClasses } from '@/components/ui/Button';
import { PageHeader } from '@/components/ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/States';
import type { ApiError } from './api-client';

/** Where a detail page's "back" link leads: its list. */
export interface DetailList {
  href: string;
  label: string;
}

/** The link back to the list, above a detail page's title. */
export function BackToList({ list }: { list: DetailList }) {
  return (
    <div className="mb-2">
      <Link href={list.href} className="text-sm text-muted-foreground underline underline-offset-4 hover:text-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring">
        {list.label}
      </Link>
    </div>
  );
}

/**
 * A detail page whose object is not on screen: a 404 says so with a way back to the list (retrying
 * would not help), any other error offers Retry, and otherwise it is still loading.
 */
export function DetailQueryState({
  query,
  list,
  title,
  notFoundTitle,
  errorTitle,
}: {
  query: Pick<UseQueryResult<unknown, ApiError>, 'error' | 'refetch' | 'isFetching'>;
  list: DetailList;
  /** The page's title above an error, when the page has one before its object is known. */
  title?: string;
  notFoundTitle: string;
  errorTitle: string;
}) {
  const tCommon = useTranslations('admin.common');
  if (!query.error) {
    return <LoadingState label={tCommon('loading')} bars={['h-8 w-64', 'h-10', 'h-64']} className="gap-4" />;
  }
  return (
    <>
      <BackToList list={list} />
      {title ? <PageHeader title={title} /> : null}
      {query.error.status === 404 ? (
        <EmptyState title={notFoundTitle} action={<Link href={list.href} className={buttonClasses({ variant: 'secondary' })}>{list.label}</Link>} />
      ) : (
        <ErrorState title={errorTitle} message={query.error.message} retryLabel={tCommon('retry')} onRetry={() => query.refetch()} retrying={query.isFetching} />
      )}
    </>
  );
}
