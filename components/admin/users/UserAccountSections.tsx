'use client';

import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { TextField } from '@/components/ui/TextField';
import { useCan } from '../AdminProviders';
import { useApiMutation, useApiQuery } from '../query';
import { QueryBlock, UserSection } from './QueryBlock';
import { Item, ItemList, RemovableItemsSection } from './RemovableItemsSection';
import { userPath, USERS_PATH, type ActiveSession, type ConsentedApp, type Passkey, type UserDetail } from './types';

const MFA_TYPES = ['email', 'otp', 'sms'] as const;
type MfaType = (typeof MFA_TYPES)[number];

export function MfaSection({ user }: { user: UserDetail }) {
  const t = useTranslations('adminUsers');
  const tCommon = useTranslations('admin.common');
  const canWrite = useCan('write_user');
  const [removing, setRemoving] = useState<MfaType | null>(null);
  const factorPath = (type: MfaType) => `${userPath(user.authId)}/${type}-mfa`;
  // Enrolling waits for the server: what it sets up (a pending TOTP or SMS step) is its own.
  const enroll = useApiMutation<void, MfaType>({
    request: (type) => ({ path: factorPath(type), method: 'POST' }),
    invalidates: [userPath(user.authId), USERS_PATH],
    successMessage: (_, type) => t('mfa.enrolled', { factor: t(`mfa.${type}`) }),
  });
  const remove = useApiMutation<void, MfaType>({
    request: (type) => ({ path: factorPath(type), method: 'DELETE' }),
    invalidates: [USERS_PATH],
    successMessage: (_, type) => t('mfa.removed', { factor: t(`mfa.${type}`) }),
    optimistic: {
      path: userPath(user.authId),
      update: (current: { user: UserDetail }, type) => ({ ...current, user: { ...current.user, mfaTypes: current.user.mfaTypes.filter((held) => held !== type) } }),
    },
  });
  const status = (type: MfaType) => {
    if (!user.mfaTypes.includes(type)) return <Badge>{t('mfa.notEnrolled')}</Badge>;
    const complete = type === 'otp' ? user.otpVerified : type === 'sms' ? user.smsPhoneNumberVerified : true;
    return <Badge variant={complete ? 'success' : 'warning'}>{complete ? t('mfa.active') : t('mfa.setupPending')}</Badge>;
  };
  // One button per factor whose action flips (Remove ⇄ Enroll): the removal dialog gives the focus
  // back to it, now offering to enroll again.
  const factorButton = (type: MfaType) => {
    const enrolled = user.mfaTypes.includes(type);
    const factor = t(`mfa.${type}`);
    return (
      <Button
        size="sm"
        variant="secondary"
        className={enrolled ? 'text-danger' : undefined}
        loading={!enrolled && enroll.isPending && enroll.variables === type}
        onClick={() => (enrolled ? setRemoving(type) : enroll.mutate(type))}
        aria-label={t(enrolled ? 'mfa.removeFactor' : 'mfa.enrollFactor', { factor })}
      >
        {enrolled ? t('remove') : t('mfa.enroll')}
      </Button>
    );
  };
  return (
    <UserSection title={t('tabs.mfa')} description={t('mfa.hint')}>
      <ItemList label={t('tabs.mfa')}>
        {MFA_TYPES.map((type) => (
          <Item
            key={type}
            title={t(`mfa.${type}`)}
            details={status(type)}
            action={canWrite ? factorButton(type) : null}
          />
        ))}
      </ItemList>
      {canWrite ? (
        <ConfirmDialog
          open={!!removing}
          onOpenChange={(open) => (open ? undefined : setRemoving(null))}
          title={t('mfa.removeTitle', { factor: removing ? t(`mfa.${removing}`) : '' })}
          description={t('mfa.removeDescription')}
          confirmLabel={t('remove')}
          cancelLabel={tCommon('cancel')}
          closeLabel={tCommon('close')}
          onConfirm={() => {
            if (!removing) return;
            remove.mutate(removing); // shown at once (optimistic): nothing to wait for here
            setRemoving(null);
          }}
        />
      ) : null}
    </UserSection>
  );
}

export function PasskeysSection({ user }: { user: UserDetail }) {
  const t = useTranslations('adminUsers');
  const tCommon = useTranslations('admin.common');
  const format = useFormatter();
  return (
    <RemovableItemsSection
      title={t('tabs.passkeys')}
      path={`${userPath(user.authId)}/passkeys`}
      listKey="passkeys"
      itemKey={(passkey: Passkey) => passkey.id}
      itemTitle={(passkey) => passkey.name}
      itemDetails={(passkey) =>
        t('passkeys.details', {
          created: format.dateTime(new Date(passkey.createdAt), { dateStyle: 'medium' }),
          used: passkey.lastUsedAt ? format.dateTime(new Date(passkey.lastUsedAt), { dateStyle: 'medium' }) : t('never'),
        })
      }
      actionLabel={tCommon('delete')}
      actionAriaLabel={(passkey) => t('passkeys.delete', { name: passkey.name })}
      confirmTitle={(passkey) => t('passkeys.deleteTitle', { name: passkey.name })}
      confirmDescription={t('passkeys.deleteDescription')}
      removedMessage={(passkey) => t('passkeys.deleted', { name: passkey.name })}
      emptyText={t('passkeys.empty')}
    />
  );
}

export function ConsentsSection({ user }: { user: UserDetail }) {
  const t = useTranslations('adminUsers');
  const format = useFormatter();
  return (
    <RemovableItemsSection
      title={t('tabs.consents')}
      description={t('consents.hint')}
      path={`${userPath(user.authId)}/consented-apps`}
      listKey="consentedApps"
      itemKey={(consent: ConsentedApp) => consent.appId}
      itemTitle={(consent) => consent.appName}
      itemDetails={(consent) => t('consents.details', { scopes: consent.scopes.join(' '), date: format.dateTime(new Date(consent.createdAt), { dateStyle: 'medium' }) })}
      actionLabel={t('revoke')}
      actionAriaLabel={(consent) => t('consents.revoke', { app: consent.appName })}
      confirmTitle={(consent) => t('consents.revokeTitle', { app: consent.appName })}
      confirmDescription={t('consents.revokeDescription')}
      removedMessage={(consent) => t('consents.revoked', { app: consent.appName })}
      emptyText={t('consents.empty')}
    />
  );
}

export function SessionsSection({ user }: { user: UserDetail }) {
  const t = useTranslations('adminUsers');
  const format = useFormatter();
  return (
    <RemovableItemsSection
      title={t('tabs.sessions')}
      description={t('sessions.hint')}
      path={`${userPath(user.authId)}/active-sessions`}
      listKey="activeSessions"
      itemKey={(session: ActiveSession) => session.sessionId}
      itemTitle={(session) => (
        <>
          {session.appName}
          {session.impersonatedBy ? <Badge variant="warning" className="ms-2">{t('sessions.impersonated')}</Badge> : null}
        </>
      )}
      itemDetails={(session) =>
        t('sessions.details', {
          created: format.dateTime(new Date(session.createdAt), { dateStyle: 'medium', timeStyle: 'short' }),
          expires: format.dateTime(new Date(session.expiredAt * 1000), { dateStyle: 'medium', timeStyle: 'short' }),
        })
      }
      actionLabel={t('revoke')}
      actionAriaLabel={(session) => t('sessions.revoke', { app: session.appName })}
      confirmTitle={(session) => t('sessions.revokeTitle', { app: session.appName })}
      confirmDescription={t('sessions.revokeDescription')}
      removedMessage={(session) => t('sessions.revoked', { app: session.appName })}
      emptyText={t('sessions.empty')}
    />
  );
}

const linkingAuthId = z.string().trim().uuid();

export function SecuritySection({ user }: { user: UserDetail }) {
  const t = useTranslations('adminUsers');
  const tCommon = useTranslations('admin.common');
  const canWrite = useCan('write_user');
  const lockedPath = `${userPath(user.authId)}/locked-ips`;
  const locked = useApiQuery<{ lockedIPs: string[] }>(lockedPath);
  const unlock = useApiMutation<void, void>({
    request: () => ({ path: lockedPath, method: 'DELETE' }),
    invalidates: [lockedPath],
    successMessage: t('security.unlocked'),
  });
  const [linkTo, setLinkTo] = useState('');
  const [linkError, setLinkError] = useState<string | undefined>();
  const [unlinking, setUnlinking] = useState(false);
  const link = useApiMutation<unknown, string>({
    request: (other) => ({ path: `${userPath(user.authId)}/account-linking/${other}`, method: 'POST' }),
    invalidates: [USERS_PATH],
    successMessage: t('security.linked'),
    onSuccess: () => setLinkTo(''),
  });
  const unlink = useApiMutation<void, void>({
    request: () => ({ path: `${userPath(user.authId)}/account-linking`, method: 'DELETE' }),
    invalidates: [USERS_PATH],
    successMessage: t('security.unlinked'),
    onSuccess: () => setUnlinking(false),
  });
  const submitLink = (event: FormEvent) => {
    event.preventDefault();
    const parsed = linkingAuthId.safeParse(linkTo);
    if (!parsed.success) return setLinkError(t('security.linkInvalid'));
    setLinkError(undefined);
    link.mutate(parsed.data);
  };
  return (
    <div className="flex flex-col gap-4">
      <UserSection
        title={t('security.lockedIps')}
        description={t('security.lockedIpsHint')}
        actions={
          canWrite && locked.data?.lockedIPs.length ? (
            <Button size="sm" variant="secondary" loading={unlock.isPending} loadingLabel={tCommon('loading')} onClick={() => unlock.mutate()}>
              {t('security.unlock')}
            </Button>
          ) : null
        }
      >
        <QueryBlock query={locked}>
          {(data) =>
            data.lockedIPs.length ? (
              <ul className="flex flex-wrap gap-2" aria-label={t('security.lockedIps')}>
                {data.lockedIPs.map((ip) => (
                  <li key={ip}>
                    <Badge variant="danger" className="font-mono">
                      {ip}
                    </Badge>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-muted-foreground">{t('security.noLockedIps')}</p>
            )
          }
        </QueryBlock>
      </UserSection>
      <UserSection title={t('security.linkedAccount')} description={t('security.linkedAccountHint')}>
        {user.linkedAuthId ? (
          <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
            <Link href={`/admin/users/${user.linkedAuthId}`} className="font-mono text-sm break-all underline underline-offset-4 focus-visible:outline-2 focus-visible:outline-ring">
              {user.linkedAuthId}
            </Link>
            {canWrite ? (
              <Button size="sm" variant="secondary" className="text-danger" onClick={() => setUnlinking(true)}>
                {t('security.unlink')}
              </Button>
            ) : null}
          </div>
        ) : canWrite ? (
          <form noValidate onSubmit={submitLink} className="flex max-w-xl flex-col gap-2 sm:flex-row sm:items-end">
            <TextField label={t('security.linkLabel')} containerClassName="grow" value={linkTo} error={linkError} spellCheck={false} autoComplete="off" onChange={(event) => setLinkTo(event.target.value)} />
            <Button type="submit" variant="secondary" loading={link.isPending} loadingLabel={tCommon('loading')}>
              {t('security.link')}
            </Button>
          </form>
        ) : (
          <p className="text-sm text-muted-foreground">{t('security.notLinked')}</p>
        )}
        {canWrite ? (
          <ConfirmDialog
            open={unlinking}
            onOpenChange={setUnlinking}
            title={t('security.unlinkTitle')}
            description={t('security.unlinkDescription')}
            confirmLabel={t('security.unlink')}
            cancelLabel={tCommon('cancel')}
            closeLabel={tCommon('close')}
            pending={unlink.isPending}
            onConfirm={() => unlink.mutate()}
          />
        ) : null}
      </UserSection>
    </div>
  );
}
