'use client';

import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { PageHeader } from '@/components/ui/PageHeader';
import { Tabs } from '@/components/ui/Tabs';
import { useCan } from '../AdminProviders';
import { BackToList, DetailQueryState } from '../DetailQueryState';
import { useApiMutation, useApiQuery } from '../query';
import { useUrlChoice } from '../use-url-params';
import { ImpersonateDialog } from './ImpersonateDialog';
import { AccessSection, AttributesSection, MetadataSection, ProfileSection } from './UserEditSections';
import { ConsentsSection, MfaSection, PasskeysSection, SecuritySection, SessionsSection } from './UserAccountSections';
import { fullName, userPath, USERS_PATH, type LocaleOption, type UserDetail } from './types';

const TABS = ['profile', 'access', 'attributes', 'metadata', 'mfa', 'passkeys', 'consents', 'sessions', 'security'] as const;
type TabId = (typeof TABS)[number];

/** One user: a header with the account actions, and a tab per area (the tab is in the URL: ?tab=). */
export function UserDetailView({ authId, locales }: { authId: string; locales: readonly LocaleOption[] }) {
  const t = useTranslations('adminUsers');
  const tCommon = useTranslations('admin.common');
  const format = useFormatter();
  const router = useRouter();
  const canWrite = useCan('write_user');
  const canImpersonate = useCan('impersonation');
  const query = useApiQuery<{ user: UserDetail }>(userPath(authId), undefined, { placeholderData: undefined });
  const [deleting, setDeleting] = useState(false);
  const [impersonating, setImpersonating] = useState(false);

  const remove = useApiMutation<void, UserDetail>({
    request: (user) => ({ path: userPath(user.authId), method: 'DELETE' }),
    successMessage: (_, user) => t('deleted', { email: user.email ?? user.authId }),
    onSuccess: () => {
      setDeleting(false);
      router.push('/admin/users');
    },
    invalidates: [USERS_PATH],
  });
  const resend = useApiMutation<unknown, UserDetail>({
    request: (user) => ({ path: `${userPath(user.authId)}/verify-email`, method: 'POST' }),
    successMessage: (_, user) => t('verificationSent', { email: user.email ?? user.authId }),
  });

  const [tab, setTab] = useUrlChoice<TabId>('tab', TABS);
  const list = { href: '/admin/users', label: t('backToList') };

  const user = query.data?.user;
  if (query.error || !user) return <DetailQueryState query={query} list={list} title={t('detailTitle')} notFoundTitle={t('notFound')} errorTitle={t('loadFailed')} />;

  const email = user.email ?? user.authId;
  const date = (value: string | null) => (value ? format.dateTime(new Date(value), { dateStyle: 'medium', timeStyle: 'short' }) : t('never'));
  const content: Record<TabId, React.ReactNode> = {
    profile: <ProfileSection user={user} locales={locales} />,
    access: <AccessSection user={user} />,
    attributes: <AttributesSection user={user} />,
    metadata: <MetadataSection user={user} />,
    mfa: <MfaSection user={user} />,
    passkeys: <PasskeysSection user={user} />,
    consents: <ConsentsSection user={user} />,
    sessions: <SessionsSection user={user} />,
    security: <SecuritySection user={user} />,
  };

  return (
    <>
      <BackToList list={list} />
      <PageHeader
        title={email}
        description={
          <span className="flex flex-col gap-2">
            <span>{fullName(user) ?? t('noName')}</span>
            <span className="flex flex-wrap gap-1">
              <Badge variant={user.isActive ? 'success' : 'danger'}>{user.isActive ? t('active') : t('inactive')}</Badge>
              <Badge variant={user.emailVerified ? 'success' : 'warning'}>{user.emailVerified ? t('verified') : t('unverified')}</Badge>
              {user.isInviting ? <Badge variant="brand">{t('invited')}</Badge> : null}
              {user.socialAccountType ? <Badge>{user.socialAccountType}</Badge> : null}
            </span>
          </span>
        }
        actions={
          <>
            {canWrite && !user.emailVerified && user.email ? (
              <Button variant="secondary" loading={resend.isPending} loadingLabel={tCommon('loading')} onClick={() => resend.mutate(user)}>
                {t('resendVerification')}
              </Button>
            ) : null}
            {canImpersonate ? (
              <Button variant="secondary" onClick={() => setImpersonating(true)}>
                {t('impersonate.open')}
              </Button>
            ) : null}
            {canWrite ? (
              <Button variant="danger" onClick={() => setDeleting(true)}>
                {t('delete')}
              </Button>
            ) : null}
          </>
        }
      />
      <dl className="mb-6 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <dt className="text-muted-foreground">{t('authId')}</dt>
          <dd className="font-mono text-xs break-all">{user.authId}</dd>
        </div>
        <div>
          <dt className="text-muted-foreground">{t('created')}</dt>
          <dd>{date(user.createdAt)}</dd>
        </div>
        <div>
          <dt className="text-muted-foreground">{t('lastSignIn')}</dt>
          <dd>{date(user.lastSignInAt)}</dd>
        </div>
        <div>
          <dt className="text-muted-foreground">{t('loginCount')}</dt>
          <dd>{user.loginCount}</dd>
        </div>
      </dl>
      <Tabs label={t('sections')} value={tab} onValueChange={setTab} items={TABS.map((id) => ({ id, label: t(`tabs.${id}`), content: content[id] }))} />
      {canWrite ? (
        <ConfirmDialog
          open={deleting}
          onOpenChange={setDeleting}
          title={t('deleteTitle', { email })}
          description={t('deleteDescription')}
          typedConfirmation={{ value: email, label: t('typeToConfirm', { value: email }) }}
          confirmLabel={tCommon('delete')}
          cancelLabel={tCommon('cancel')}
          closeLabel={tCommon('close')}
          pending={remove.isPending}
          onConfirm={() => remove.mutate(user)}
        />
      ) : null}
      {canImpersonate ? <ImpersonateDialog open={impersonating} onClose={() => setImpersonating(false)} user={user} /> : null}
    </>
  );
}
