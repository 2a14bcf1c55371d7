'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { DataTable, type DataTableColumn } from '@/components/ui/DataTable';
import { PageHeader } from '@/components/ui/PageHeader';
import { EmptyState } from '@/components/ui/States';
import { applyTableState } from '@/lib/admin/table-state';
import { useCan } from '../AdminProviders';
import { useTableLabels } from '../labels';
import { useApiMutation, useApiQuery } from '../query';
import { useTableState } from '../use-table-state';
import { AttributeFormDialog, type AttributeDialogState } from './AttributeFormDialog';
import type { LocaleOption, UserAttribute } from './types';

const ATTRIBUTES_PATH = '/api/v1/user-attributes';

/**
 * User attributes (ENABLE_USER_ATTRIBUTE): definitions of the extra values users have, listed in
 * their sign-up order (returned whole: search, sort and paging here, in the URL). Reads need
 * read_user; writes root, as in Melody.
 */
export function AttributesView({ locales, enabled }: { locales: readonly LocaleOption[]; enabled: boolean }) {
  const t = useTranslations('adminAttributes');
  const tCommon = useTranslations('admin.common');
  const tTable = useTranslations('admin.table');
  const locale = useLocale();
  const labels = useTableLabels();
  const canWrite = useCan('root');
  const table = useTableState();
  const list = useApiQuery<{ userAttributes: UserAttribute[] }>(ATTRIBUTES_PATH, undefined, { enabled });
  const [dialog, setDialog] = useState<AttributeDialogState>(null);
  const [deleting, setDeleting] = useState<UserAttribute | null>(null);

  const remove = useApiMutation<void, UserAttribute>({
    request: (attribute) => ({ path: `${ATTRIBUTES_PATH}/${attribute.id}`, method: 'DELETE' }),
    invalidates: [ATTRIBUTES_PATH],
    successMessage: (_, attribute) => t('deleted', { name: attribute.name }),
    onSuccess: () => setDeleting(null),
  });

  if (!enabled) {
    return (
      <>
        <PageHeader title={t('title')} description={t('description')} />
        <EmptyState title={t('disabled')}>{t('disabledHint')}</EmptyState>
      </>
    );
  }

  const labelOf = (attribute: UserAttribute) => attribute.locales.find((entry) => entry.locale === locale)?.value ?? attribute.locales[0]?.value ?? '';
  const view = list.data
    ? applyTableState(list.data.userAttributes, table, {
        searchText: (attribute) => [attribute.name, ...attribute.locales.map((entry) => entry.value)],
        sortKeys: { name: (attribute) => attribute.name },
      })
    : undefined;

  const flagBadges = (attribute: UserAttribute) => (
    <span className="flex flex-wrap gap-1">
      {attribute.includeInSignUpForm ? <Badge variant="brand">{attribute.requiredInSignUpForm ? t('badges.required') : t('badges.signUp')}</Badge> : null}
      {attribute.unique ? <Badge>{t('badges.unique')}</Badge> : null}
      {attribute.includeInIdTokenBody ? <Badge>{t('badges.idToken')}</Badge> : null}
      {attribute.includeInUserInfo ? <Badge>{t('badges.userInfo')}</Badge> : null}
    </span>
  );

  const columns: DataTableColumn<UserAttribute>[] = [
    { id: 'name', header: t('name'), sortable: true, rowHeader: true, cell: (attribute) => <code className="font-mono text-sm">{attribute.name}</code> },
    { id: 'label', header: t('label'), cell: labelOf },
    { id: 'flags', header: t('usage'), cell: flagBadges },
    { id: 'validation', header: t('validationRegex'), cell: (attribute) => (attribute.validationRegex ? <code className="font-mono text-xs break-all">{attribute.validationRegex}</code> : <span className="text-muted-foreground">{t('noValidation')}</span>) },
    {
      id: 'actions',
      header: <span className="sr-only">{tCommon('actions')}</span>,
      className: 'text-end',
      cell: (attribute) => (
        <span className="flex justify-end gap-2">
          <Button variant="secondary" size="sm" onClick={() => setDialog({ mode: 'edit', attribute })} aria-label={t('editAttribute', { name: attribute.name })}>
            {tCommon('edit')}
          </Button>
          <Button variant="ghost" size="sm" className="text-danger" onClick={() => setDeleting(attribute)} aria-label={t('deleteAttribute', { name: attribute.name })}>
            {tCommon('delete')}
          </Button>
        </span>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} actions={canWrite ? <Button onClick={() => setDialog({ mode: 'create' })}>{t('create')}</Button> : null} />
      <DataTable
        caption={t('title')}
        columns={canWrite ? columns : columns.filter((column) => column.id !== 'actions')}
        rows={view?.rows}
        total={view?.total}
        rowKey={(attribute) => attribute.id}
        state={table}
        searchable
        isLoading={list.isLoading}
        isFetching={list.isFetching}
        error={list.error}
        onRetry={() => list.refetch()}
        labels={labels}
        empty={table.q ? <EmptyState title={tTable('noMatch', { q: table.q })} /> : <EmptyState title={t('empty')} />}
      />
      {canWrite ? (
        <>
          <AttributeFormDialog state={dialog} onClose={() => setDialog(null)} locales={locales} />
          <ConfirmDialog
            open={!!deleting}
            onOpenChange={(open) => (open ? undefined : setDeleting(null))}
            title={t('deleteTitle', { name: deleting?.name ?? '' })}
            description={t('deleteDescription')}
            typedConfirmation={deleting ? { value: deleting.name, label: t('typeToConfirm', { name: deleting.name }) } : undefined}
            confirmLabel={tCommon('delete')}
            cancelLabel={tCommon('cancel')}
            closeLabel={tCommon('close')}
            pending={remove.isPending}
            onConfirm={() => deleting && remove.mutate(deleting)}
          />
        </>
      ) : null}
    </>
  );
}
