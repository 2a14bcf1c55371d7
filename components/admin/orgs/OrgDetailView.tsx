'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { PageHeader } from '@/components/ui/PageHeader';
import { EmptyState } from '@/components/ui/States';
import { Tabs } from '@/components/ui/Tabs';
import { useCan } from '../AdminProviders';
import { BackToList, DetailQueryState } from '../DetailQueryState';
import { useApiMutation, useApiQuery } from '../query';
import { useUrlChoice } from '../use-url-params';
import { OrgGroupsPanel } from './OrgGroupsPanel';
import { OrgMembersPanel } from './OrgMembersPanel';
import { OrgSettingsForm } from './OrgSettingsForm';
import { orgPath, ORGS_PATH, type Org } from './types';

const TABS = ['settings', 'members', 'groups'] as const;
type TabId = (typeof TABS)[number];
const TAB_LABELS = { settings: 'tabSettings', members: 'tabMembers', groups: 'tabGroups' } as const;

/** One org: settings and branding with its live preview, members and groups (the tab is in the URL: ?tab=). */
export function OrgDetailView({ id }: { id: string }) {
  const t = useTranslations('adminOrgs');
  const tCommon = useTranslations('admin.common');
  const router = useRouter();
  const canWrite = useCan('write_org');
  const query = useApiQuery<{ org: Org }>(orgPath(id), undefined, { placeholderData: undefined });
  const [deleting, setDeleting] = useState(false);

  const remove = useApiMutation<void, Org>({
    request: (org) => ({ path: orgPath(org.id), method: 'DELETE' }),
    successMessage: (_, org) => t('deleted', { name: org.name }),
    invalidates: [ORGS_PATH],
    onSuccess: () => {
      setDeleting(false);
      router.push('/admin/orgs');
    },
  });

  const [tab, setTab] = useUrlChoice<TabId>('tab', TABS);
  const list = { href: '/admin/orgs', label: t('back') };

  const org = query.data?.org;
  if (query.error || !org) return <DetailQueryState query={query} list={list} notFoundTitle={t('loadFailed')} errorTitle={t('loadFailed')} />;

  const withoutMembers = <EmptyState title={t('brandingOnlyNoMembers')} />;
  const content: Record<TabId, ReactNode> = {
    // Keyed by the saved version, so a save elsewhere (or a refetch) resets the form to it.
    settings: <OrgSettingsForm key={org.updatedAt} org={org} />,
    members: org.onlyUseForBrandingOverride ? withoutMembers : <OrgMembersPanel org={org} />,
    groups: org.onlyUseForBrandingOverride ? withoutMembers : <OrgGroupsPanel org={org} />,
  };

  return (
    <>
      <BackToList list={list} />
      <PageHeader
        title={org.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <code className="font-mono text-sm">{org.slug}</code>
            {org.allowPublicRegistration ? <Badge variant="success">{t('public')}</Badge> : null}
            {org.onlyUseForBrandingOverride ? <Badge variant="brand">{t('brandingOnly')}</Badge> : null}
          </span>
        }
        actions={
          canWrite ? (
            <Button variant="danger" onClick={() => setDeleting(true)}>
              {tCommon('delete')}
            </Button>
          ) : null
        }
      />
      <Tabs label={t('tabs')} value={tab} onValueChange={setTab} items={TABS.map((item) => ({ id: item, label: t(TAB_LABELS[item]), content: content[item] }))} />
      {canWrite ? (
        <ConfirmDialog
          open={deleting}
          onOpenChange={setDeleting}
          title={t('deleteTitle', { name: org.name })}
          description={t('deleteDescription')}
          typedConfirmation={{ value: org.slug, label: t('typeToConfirm', { name: org.slug }) }}
          confirmLabel={tCommon('delete')}
          cancelLabel={tCommon('cancel')}
          closeLabel={tCommon('close')}
          pending={remove.isPending}
          onConfirm={() => remove.mutate(org)}
        />
      ) : null}
    </>
  );
}
