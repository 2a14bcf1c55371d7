'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { PageHeader } from '@/components/ui/PageHeader';
import { Tabs } from '@/components/ui/Tabs';
import { useCan } from '../AdminProviders';
import { BackToList, DetailQueryState } from '../DetailQueryState';
import { useApiQuery } from '../query';
import { useUrlChoice } from '../use-url-params';
import { AppFormDialog, type AppDialogState } from './AppFormDialog';
import { IntegratePanel, type IntegrationEndpoints } from './IntegratePanel';
import { appPath, type App } from './types';

const TABS = ['settings', 'integrate'] as const;
type TabId = (typeof TABS)[number];
const TAB_LABELS = { settings: 'tabSettings', integrate: 'tabIntegrate' } as const;

/** One app: its settings (edited in the app dialog) and the Integrate tab (the tab is in the URL: ?tab=). */
export function AppDetailView({ id, endpoints }: { id: string; endpoints: IntegrationEndpoints }) {
  const t = useTranslations('adminIntegrate');
  const tApps = useTranslations('adminApps');
  const tCommon = useTranslations('admin.common');
  const canWrite = useCan('write_app');
  const query = useApiQuery<{ app: App }>(appPath(id), undefined, { placeholderData: undefined });
  const [tab, setTab] = useUrlChoice<TabId>('tab', TABS);
  const [dialog, setDialog] = useState<AppDialogState>(null);
  const list = { href: '/admin/apps', label: t('back') };

  const app = query.data?.app;
  if (query.error || !app) return <DetailQueryState query={query} list={list} notFoundTitle={t('loadFailed')} errorTitle={t('loadFailed')} />;

  const content: Record<TabId, ReactNode> = {
    settings: <AppSettings app={app} />,
    integrate: <IntegratePanel app={app} endpoints={endpoints} />,
  };
  return (
    <>
      <BackToList list={list} />
      <PageHeader
        title={app.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge variant={app.type === 'spa' ? 'brand' : 'neutral'}>{tApps(`types.${app.type}`)}</Badge>
            {app.isActive ? <Badge variant="success">{tApps('activeBadge')}</Badge> : <Badge variant="warning">{tApps('inactiveBadge')}</Badge>}
            {app.isBuiltIn ? <Badge>{tCommon('builtIn')}</Badge> : null}
          </span>
        }
        actions={
          <Button variant="secondary" onClick={() => setDialog({ mode: canWrite ? 'edit' : 'view', app })}>
            {canWrite ? tCommon('edit') : tApps('view')}
          </Button>
        }
      />
      <Tabs label={t('tabs')} value={tab} onValueChange={setTab} items={TABS.map((item) => ({ id: item, label: t(TAB_LABELS[item]), content: content[item] }))} />
      <AppFormDialog state={dialog} onClose={() => setDialog(null)} onCreated={() => undefined} />
    </>
  );
}

function AppSettings({ app }: { app: App }) {
  const t = useTranslations('adminIntegrate.settings');
  const tCommon = useTranslations('admin.common');
  const format = useFormatter();
  const list = (values: readonly string[]) =>
    values.length ? (
      <ul className="flex flex-col gap-0.5">
        {values.map((value) => (
          <li key={value}>
            <code className="font-mono text-sm break-all">{value}</code>
          </li>
        ))}
      </ul>
    ) : (
      <span className="text-muted-foreground">{t('none')}</span>
    );
  const rows: [string, ReactNode][] = [
    [t('clientId'), <code key="id" className="font-mono text-sm break-all">{app.clientId}</code>],
    [t('scopes'), list(app.scopes)],
    ...(app.type === 'spa'
      ? ([
          [t('redirectUris'), list(app.redirectUris)],
          [t('postLogoutRedirectUris'), list(app.postLogoutRedirectUris)],
          [t('consent'), app.skipConsent ? t('consentSkipped') : t('consentShown')],
          [t('rotation'), app.rotateRefreshTokens ? tCommon('on') : tCommon('off')],
          [t('allowDeviceFlow'), app.allowDeviceFlow ? tCommon('on') : tCommon('off')],
        ] as [string, ReactNode][])
      : ([[t('introspection'), app.allowIntrospection ? tCommon('on') : tCommon('off')]] as [string, ReactNode][])),
    [t('created'), format.dateTime(new Date(app.createdAt), { dateStyle: 'medium', timeStyle: 'short' })],
  ];
  return (
    <dl className="mt-6 divide-y divide-border rounded-card border border-border">
      {rows.map(([name, value]) => (
        <div key={name} className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:gap-4">
          <dt className="text-sm font-medium sm:w-56 sm:shrink-0">{name}</dt>
          <dd className="min-w-0 flex-1 text-sm">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
