'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { DataTable, type DataTableColumn } from '@/components/ui/DataTable';
import { EmptyState } from '@/components/ui/States';
import { pagingQuery } from '@/lib/admin/table-state';
import { useCan } from '../AdminProviders';
import { useTableLabels } from '../labels';
import { useApiMutation, useApiQuery } from '../query';
import { useTableState } from '../use-table-state';
import { memberName, orgPath, type Org, type OrgMember } from './types';

const linkClass = 'underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring';

/**
 * Every member of the org (server-paged). Members join from their user page; removing one here
 * replaces their org list without this org (the API then drops them from its groups too), which
 * needs write_user and write_org, as the API requires.
 */
export function OrgMembersPanel({ org }: { org: Org }) {
  const t = useTranslations('adminOrgs');
  const tCommon = useTranslations('admin.common');
  const labels = useTableLabels();
  const canWriteOrg = useCan('write_org');
  const canWriteUser = useCan('write_user');
  const canRemove = canWriteOrg && canWriteUser;
  const table = useTableState();
  const membersPath = `${orgPath(org.id)}/all-users`;
  const members = useApiQuery<{ users: OrgMember[]; count: number }>(membersPath, pagingQuery(table));
  const [removing, setRemoving] = useState<OrgMember | null>(null);

  // The API replaces a user's whole org list: read it when a removal is asked for.
  const userOrgsPath = `/api/v1/users/${removing?.authId ?? 'none'}/orgs`;
  const userOrgs = useApiQuery<{ orgs: { id: string }[] }>(userOrgsPath, undefined, { enabled: !!removing, placeholderData: undefined });
  const remove = useApiMutation<unknown, { user: OrgMember; orgs: string[] }>({
    request: ({ user, orgs }) => ({ path: `/api/v1/users/${user.authId}/orgs`, method: 'POST', body: { orgs } }),
    invalidates: [orgPath(org.id), userOrgsPath],
    successMessage: (_, { user }) => t('memberRemoved', { name: memberName(user) }),
    onSuccess: () => setRemoving(null),
  });

  const columns: DataTableColumn<OrgMember>[] = [
    {
      id: 'email',
      header: t('memberEmail'),
      rowHeader: true,
      cell: (user) => (
        <Link href={`/admin/users/${user.authId}`} className={linkClass}>
          {user.email ?? user.authId}
        </Link>
      ),
    },
    { id: 'name', header: t('memberName'), cell: (user) => [user.firstName, user.lastName].filter(Boolean).join(' ') },
    {
      id: 'actions',
      header: <span className="sr-only">{tCommon('actions')}</span>,
      className: 'text-end',
      cell: (user) => (
        <Button variant="ghost" size="sm" className="text-danger" onClick={() => setRemoving(user)} aria-label={t('removeMember', { name: memberName(user) })}>
          {t('remove')}
        </Button>
      ),
    },
  ];

  return (
    <section aria-label={t('members')} className="flex flex-col gap-4">
      <DataTable
        caption={t('members')}
        columns={canRemove ? columns : columns.filter((column) => column.id !== 'actions')}
        rows={members.data?.users}
        total={members.data?.count}
        rowKey={(user) => user.authId}
        state={table}
        isLoading={members.isLoading}
        isFetching={members.isFetching}
        error={members.error}
        onRetry={() => members.refetch()}
        labels={labels}
        empty={<EmptyState title={t('membersEmpty')} />}
      />
      {canRemove ? (
        <ConfirmDialog
          open={!!removing}
          onOpenChange={(open) => (open ? undefined : setRemoving(null))}
          title={t('removeMemberTitle', { name: removing ? memberName(removing) : '' })}
          description={t('removeMemberDescription')}
          confirmLabel={t('remove')}
          cancelLabel={tCommon('cancel')}
          closeLabel={tCommon('close')}
          pending={remove.isPending || userOrgs.isFetching}
          onConfirm={() =>
            removing && userOrgs.data && remove.mutate({ user: removing, orgs: userOrgs.data.orgs.map((entry) => entry.id).filter((id) => id !== org.id) })
          }
        />
      ) : null}
    </section>
  );
}
