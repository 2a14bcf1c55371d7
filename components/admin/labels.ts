'use client';

import { useTranslations } from 'next-intl';
import type { DataTableLabels } from '@/components/ui/DataTable';
import type { ListFieldLabels } from '@/components/ui/fields';

/** DataTable's texts in the admin's language. */
export function useTableLabels(): DataTableLabels {
  const t = useTranslations('admin.table');
  const tCommon = useTranslations('admin.common');
  return {
    search: t('search'),
    pageOf: (page, pages) => t('pageOf', { page, pages }),
    total: (total) => t('total', { total }),
    previous: t('previous'),
    next: t('next'),
    pageSize: t('pageSize'),
    pagination: t('pagination'),
    sortAscending: t('sortAscending'),
    sortDescending: t('sortDescending'),
    loading: t('loading'),
    errorTitle: t('errorTitle'),
    retry: tCommon('retry'),
  };
}

/** ListField's texts; `itemLabel` names one value, e.g. (index) => t('redirectUri', { index }). */
export function useListLabels(itemLabel?: (index: number) => string): ListFieldLabels {
  const t = useTranslations('admin.list');
  return {
    add: t('add'),
    remove: (index, value) => t('remove', { index, value }),
    item: itemLabel ?? ((index) => t('item', { index })),
  };
}
