'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import type { DataTableColumn } from '@/components/ui/DataTable';
import { ResourceListView, useResourceList } from '../ResourceListView';
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
  const locale = useLocale();
  const [dialog, setDialog] = useState<AttributeDialogState>(null);
  const resource = useResourceList<'userAttributes', UserAttribute>({
    path: ATTRIBUTES_PATH,
    listKey: 'userAttributes',
    writeScope: 'root',
    enabled,
    searchText: (attribute) => [attribute.name, ...attribute.locales.map((entry) => entry.value)],
    sortKeys: { name: (attribute) => attribute.name },
    deletedMessage: (attribute) => t('deleted', { name: attribute.name }),
  });

  const labelOf = (attribute: UserAttribute) => attribute.locales.find((entry) => entry.locale === locale)?.value ?? attribute.locales[0]?.value ?? '';

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
          <Button variant="ghost" size="sm" className="text-danger" onClick={() => resource.askDelete(attribute)} aria-label={t('deleteAttribute', { name: attribute.name })}>
            {tCommon('delete')}
          </Button>
        </span>
      ),
    },
  ];

  return (
    <ResourceListView
      resource={resource}
      title={t('title')}
      description={t('description')}
      columns={columns}
      createLabel={t('create')}
      onCreate={() => setDialog({ mode: 'create' })}
      emptyTitle={t('empty')}
      deleteConfirm={(attribute) => ({
        title: t('deleteTitle', { name: attribute.name }),
        description: t('deleteDescription'),
        typedConfirmation: { value: attribute.name, label: t('typeToConfirm', { name: attribute.name }) },
      })}
      disabledNotice={enabled ? undefined : { title: t('disabled'), hint: t('disabledHint') }}
    >
      <AttributeFormDialog state={dialog} onClose={() => setDialog(null)} locales={locales} />
    </ResourceListView>
  );
}
