'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { Dialog, DialogActions, DialogClose } from '@/components/ui/Dialog';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/States';
import { TextField } from '@/components/ui/TextField';
import { updateOrgGroupInput } from '@/lib/orgs/schemas';
import { useCan } from '../AdminProviders';
import { useApiForm, useFieldErrorText } from '../forms';
import { useApiMutation, useApiQuery } from '../query';
import { ORG_GROUPS_PATH, type Org, type OrgGroup } from './types';

type GroupDialogState = { mode: 'create' } | { mode: 'edit'; group: OrgGroup } | null;

/** The org's groups: create, rename and delete with write_org. */
export function OrgGroupsPanel({ org }: { org: Org }) {
  const t = useTranslations('adminOrgs');
  const tCommon = useTranslations('admin.common');
  const canWrite = useCan('write_org');
  const groups = useApiQuery<{ orgGroups: OrgGroup[] }>(ORG_GROUPS_PATH, { org_id: org.id });
  const [dialog, setDialog] = useState<GroupDialogState>(null);
  const [deleting, setDeleting] = useState<OrgGroup | null>(null);

  const remove = useApiMutation<void, OrgGroup>({
    request: (group) => ({ path: `${ORG_GROUPS_PATH}/${group.id}`, method: 'DELETE' }),
    invalidates: [ORG_GROUPS_PATH],
    successMessage: (_, group) => t('groupDeleted', { name: group.name }),
    onSuccess: () => setDeleting(null),
  });

  let body;
  if (groups.error) body = <ErrorState title={t('loadFailed')} message={groups.error.message} retryLabel={tCommon('retry')} onRetry={() => groups.refetch()} retrying={groups.isFetching} />;
  else if (!groups.data) {
    body = <LoadingState label={tCommon('loading')} bars={['h-10', 'h-10']} />;
  } else if (!groups.data.orgGroups.length) body = <EmptyState title={t('groupsEmpty')} />;
  else {
    body = (
      <ul className="divide-y divide-border rounded-lg border border-border" aria-label={t('groups')}>
        {[...groups.data.orgGroups]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((group) => (
            <li key={group.id} data-testid="org-group" className="flex flex-wrap items-center justify-between gap-2 px-4 py-2">
              <span className="font-medium">{group.name}</span>
              {canWrite ? (
                <span className="flex gap-2">
                  <Button variant="secondary" size="sm" onClick={() => setDialog({ mode: 'edit', group })} aria-label={t('editGroup', { name: group.name })}>
                    {tCommon('edit')}
                  </Button>
                  <Button variant="ghost" size="sm" className="text-danger" onClick={() => setDeleting(group)} aria-label={t('deleteGroup', { name: group.name })}>
                    {tCommon('delete')}
                  </Button>
                </span>
              ) : null}
            </li>
          ))}
      </ul>
    );
  }

  return (
    <section aria-labelledby="org-groups-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="org-groups-heading" className="text-base font-semibold">
          {t('groups')}
        </h2>
        {canWrite ? <Button onClick={() => setDialog({ mode: 'create' })}>{t('createGroup')}</Button> : null}
      </div>
      {body}
      {canWrite ? (
        <>
          <Dialog
            open={!!dialog}
            onOpenChange={(open) => (open ? undefined : setDialog(null))}
            title={dialog?.mode === 'edit' ? t('editGroupTitle', { name: dialog.group.name }) : t('createGroupTitle')}
            closeLabel={tCommon('close')}
          >
            {dialog ? <GroupForm key={dialog.mode === 'edit' ? dialog.group.id : 'create'} org={org} group={dialog.mode === 'edit' ? dialog.group : undefined} onDone={() => setDialog(null)} /> : null}
          </Dialog>
          <ConfirmDialog
            open={!!deleting}
            onOpenChange={(open) => (open ? undefined : setDeleting(null))}
            title={t('deleteGroupTitle', { name: deleting?.name ?? '' })}
            description={t('deleteGroupDescription')}
            confirmLabel={tCommon('delete')}
            cancelLabel={tCommon('cancel')}
            closeLabel={tCommon('close')}
            pending={remove.isPending}
            onConfirm={() => deleting && remove.mutate(deleting)}
          />
        </>
      ) : null}
    </section>
  );
}

function GroupForm({ org, group, onDone }: { org: Org; group?: OrgGroup; onDone: () => void }) {
  const t = useTranslations('adminOrgs');
  const tCommon = useTranslations('admin.common');
  const errorText = useFieldErrorText();
  const { form, mutation: save, onSubmit } = useApiForm<typeof updateOrgGroupInput, { orgGroup: OrgGroup }>({
    schema: updateOrgGroupInput,
    defaultValues: { name: group?.name ?? '' },
    fields: ['name'],
    request: (values) => (group ? { path: `${ORG_GROUPS_PATH}/${group.id}`, method: 'PUT', body: values } : { path: ORG_GROUPS_PATH, method: 'POST', body: { ...values, orgId: org.id } }),
    invalidates: [ORG_GROUPS_PATH],
    successMessage: (data) => (group ? t('groupUpdated', { name: data.orgGroup.name }) : t('groupCreated', { name: data.orgGroup.name })),
    onSuccess: onDone,
  });
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      <TextField label={t('groupName')} error={errorText(form.formState.errors.name)} required autoComplete="off" {...form.register('name')} />
      <DialogActions>
        <DialogClose asChild>
          <Button variant="secondary">{tCommon('cancel')}</Button>
        </DialogClose>
        <Button type="submit" loading={save.isPending} loadingLabel={tCommon('loading')}>
          {group ? tCommon('save') : tCommon('create')}
        </Button>
      </DialogActions>
    </form>
  );
}
