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
import { userPath, USERS_PATH, type ActiveSession, type ConsentedApp, type Passkey, type UserDetail } from './types';

const MFA_TYPES = ['email', 'otp', 'sms'] as const;
type MfaType = (typeof MFA_TYPES)[number];

/** A destructive action on one item, asked for first in a ConfirmDialog. */
function useConfirm<T>() {
  const [pending, setPending] = useState<T | null>(null);
  return { pending, ask: setPending, clear: () => setPending(null) };
}

function ItemList({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <ul className="flex flex-col divide-y divide-border rounded-control border border-border" aria-label={label}>
      {children}
    </ul>
  );
}

function Item({ title, details, action }: { title: React.ReactNode; details?: React.ReactNode; action?: React.ReactNode }) {
  return (
    <li className="flex flex-col gap-2 px-3 py-3 sm:flex-row sm:items-center sm:justify-between" data-testid="user-item">
      <div className="min-w-0">
        <p className="text-sm font-medium break-words">{title}</p>
        {details ? <p className="text-sm text-muted-foreground break-words">{details}</p> : null}
      </div>
      {action ? <div className="flex shrink-0 gap-2">{action}</div> : null}
    </li>
  );
}

export function MfaSection({ user }: { user: UserDetail }) {
  const t = useTranslations('adminUsers');
  const tCommon = useTranslations('admin.common');
  const canWrite = useCan('write_user');
  const confirm = useConfirm<MfaType>();
  const change = useApiMutation<void, { type: MfaType; enroll: boolean }>({
    request: ({ type, enroll }) => ({ path: `${userPath(user.authId)}/${type}-mfa`, method: enroll ? 'POST' : 'DELETE' }),
    invalidates: [userPath(user.authId), USERS_PATH],
    successMessage: (_, { type, enroll }) => t(enroll ? 'mfa.enrolled' : 'mfa.removed', { factor: t(`mfa.${type}`) }),
    onSuccess: confirm.clear,
  });
  const status = (type: MfaType) => {
    if (!user.mfaTypes.includes(type)) return <Badge>{t('mfa.notEnrolled')}</Badge>;
    const complete = type === 'otp' ? user.otpVerified : type === 'sms' ? user.smsPhoneNumberVerified : true;
    return <Badge variant={complete ? 'success' : 'warning'}>{complete ? t('mfa.active') : t('mfa.setupPending')}</Badge>;
  };
  return (
    <UserSection title={t('tabs.mfa')} description={t('mfa.hint')}>
      <ItemList label={t('tabs.mfa')}>
        {MFA_TYPES.map((type) => (
          <Item
            key={type}
            title={t(`mfa.${type}`)}
            details={status(type)}
            action={
              canWrite ? (
                user.mfaTypes.includes(type) ? (
                  <Button size="sm" variant="secondary" className="text-danger" onClick={() => confirm.ask(type)} aria-label={t('mfa.removeFactor', { factor: t(`mfa.${type}`) })}>
                    {t('remove')}
                  </Button>
                ) : (
                  <Button size="sm" variant="secondary" loading={change.isPending && change.variables?.type === type} onClick={() => change.mutate({ type, enroll: true })} aria-label={t('mfa.enrollFactor', { factor: t(`mfa.${type}`) })}>
                    {t('mfa.enroll')}
                  </Button>
                )
              ) : null
            }
          />
        ))}
      </ItemList>
      {canWrite ? (
        <ConfirmDialog
          open={!!confirm.pending}
          onOpenChange={(open) => (open ? undefined : confirm.clear())}
          title={t('mfa.removeTitle', { factor: confirm.pending ? t(`mfa.${confirm.pending}`) : '' })}
          description={t('mfa.removeDescription')}
          confirmLabel={t('remove')}
          cancelLabel={tCommon('cancel')}
          closeLabel={tCommon('close')}
          pending={change.isPending}
          onConfirm={() => confirm.pending && change.mutate({ type: confirm.pending, enroll: false })}
        />
      ) : null}
    </UserSection>
  );
}

export function PasskeysSection({ user }: { user: UserDetail }) {
  const t = useTranslations('adminUsers');
  const tCommon = useTranslations('admin.common');
  const format = useFormatter();
  const canWrite = useCan('write_user');
  const path = `${userPath(user.authId)}/passkeys`;
  const query = useApiQuery<{ passkeys: Passkey[] }>(path);
  const confirm = useConfirm<Passkey>();
  const remove = useApiMutation<void, Passkey>({
    request: (passkey) => ({ path: `${path}/${passkey.id}`, method: 'DELETE' }),
    invalidates: [path],
    successMessage: (_, passkey) => t('passkeys.deleted', { name: passkey.name }),
    onSuccess: confirm.clear,
  });
  return (
    <UserSection title={t('tabs.passkeys')}>
      <QueryBlock query={query}>
        {(data) =>
          data.passkeys.length ? (
            <ItemList label={t('tabs.passkeys')}>
              {data.passkeys.map((passkey) => (
                <Item
                  key={passkey.id}
                  title={passkey.name}
                  details={t('passkeys.details', {
                    created: format.dateTime(new Date(passkey.createdAt), { dateStyle: 'medium' }),
                    used: passkey.lastUsedAt ? format.dateTime(new Date(passkey.lastUsedAt), { dateStyle: 'medium' }) : t('never'),
                  })}
                  action={
                    canWrite ? (
                      <Button size="sm" variant="secondary" className="text-danger" onClick={() => confirm.ask(passkey)} aria-label={t('passkeys.delete', { name: passkey.name })}>
                        {tCommon('delete')}
                      </Button>
                    ) : null
                  }
                />
              ))}
            </ItemList>
          ) : (
            <p className="text-sm text-muted-foreground">{t('passkeys.empty')}</p>
          )
        }
      </QueryBlock>
      {canWrite ? (
        <ConfirmDialog
          open={!!confirm.pending}
          onOpenChange={(open) => (open ? undefined : confirm.clear())}
          title={t('passkeys.deleteTitle', { name: confirm.pending?.name ?? '' })}
          description={t('passkeys.deleteDescription')}
          confirmLabel={tCommon('delete')}
          cancelLabel={tCommon('cancel')}
          closeLabel={tCommon('close')}
          pending={remove.isPending}
          onConfirm={() => confirm.pending && remove.mutate(confirm.pending)}
        />
      ) : null}
    </UserSection>
  );
}

export function ConsentsSection({ user }: { user: UserDetail }) {
  const t = useTranslations('adminUsers');
  const tCommon = useTranslations('admin.common');
  const format = useFormatter();
  const canWrite = useCan('write_user');
  const path = `${userPath(user.authId)}/consented-apps`;
  const query = useApiQuery<{ consentedApps: ConsentedApp[] }>(path);
  const confirm = useConfirm<ConsentedApp>();
  const revoke = useApiMutation<void, ConsentedApp>({
    request: (consent) => ({ path: `${path}/${consent.appId}`, method: 'DELETE' }),
    invalidates: [path],
    successMessage: (_, consent) => t('consents.revoked', { app: consent.appName }),
    onSuccess: confirm.clear,
  });
  return (
    <UserSection title={t('tabs.consents')} description={t('consents.hint')}>
      <QueryBlock query={query}>
        {(data) =>
          data.consentedApps.length ? (
            <ItemList label={t('tabs.consents')}>
              {data.consentedApps.map((consent) => (
                <Item
                  key={consent.appId}
                  title={consent.appName}
                  details={t('consents.details', { scopes: consent.scopes.join(' '), date: format.dateTime(new Date(consent.createdAt), { dateStyle: 'medium' }) })}
                  action={
                    canWrite ? (
                      <Button size="sm" variant="secondary" className="text-danger" onClick={() => confirm.ask(consent)} aria-label={t('consents.revoke', { app: consent.appName })}>
                        {t('revoke')}
                      </Button>
                    ) : null
                  }
                />
              ))}
            </ItemList>
          ) : (
            <p className="text-sm text-muted-foreground">{t('consents.empty')}</p>
          )
        }
      </QueryBlock>
      {canWrite ? (
        <ConfirmDialog
          open={!!confirm.pending}
          onOpenChange={(open) => (open ? undefined : confirm.clear())}
          title={t('consents.revokeTitle', { app: confirm.pending?.appName ?? '' })}
          description={t('consents.revokeDescription')}
          confirmLabel={t('revoke')}
          cancelLabel={tCommon('cancel')}
          closeLabel={tCommon('close')}
          pending={revoke.isPending}
          onConfirm={() => confirm.pending && revoke.mutate(confirm.pending)}
        />
      ) : null}
    </UserSection>
  );
}

export function SessionsSection({ user }: { user: UserDetail }) {
  const t = useTranslations('adminUsers');
  const tCommon = useTranslations('admin.common');
  const format = useFormatter();
  const canWrite = useCan('write_user');
  const path = `${userPath(user.authId)}/active-sessions`;
  const query = useApiQuery<{ activeSessions: ActiveSession[] }>(path);
  const confirm = useConfirm<ActiveSession>();
  const revoke = useApiMutation<void, ActiveSession>({
    request: (session) => ({ path: `${path}/${session.sessionId}`, method: 'DELETE' }),
    invalidates: [path],
    successMessage: (_, session) => t('sessions.revoked', { app: session.appName }),
    onSuccess: confirm.clear,
  });
  return (
    <UserSection title={t('tabs.sessions')} description={t('sessions.hint')}>
      <QueryBlock query={query}>
        {(data) =>
          data.activeSessions.length ? (
            <ItemList label={t('tabs.sessions')}>
              {data.activeSessions.map((session) => (
                <Item
                  key={session.sessionId}
                  title={
                    <>
                      {session.appName}
                      {session.impersonatedBy ? <Badge variant="warning" className="ms-2">{t('sessions.impersonated')}</Badge> : null}
                    </>
                  }
                  details={t('sessions.details', {
                    created: format.dateTime(new Date(session.createdAt), { dateStyle: 'medium', timeStyle: 'short' }),
                    expires: format.dateTime(new Date(session.expiredAt * 1000), { dateStyle: 'medium', timeStyle: 'short' }),
                  })}
                  action={
                    canWrite ? (
                      <Button size="sm" variant="secondary" className="text-danger" onClick={() => confirm.ask(session)} aria-label={t('sessions.revoke', { app: session.appName })}>
                        {t('revoke')}
                      </Button>
                    ) : null
                  }
                />
              ))}
            </ItemList>
          ) : (
            <p className="text-sm text-muted-foreground">{t('sessions.empty')}</p>
          )
        }
      </QueryBlock>
      {canWrite ? (
        <ConfirmDialog
          open={!!confirm.pending}
          onOpenChange={(open) => (open ? undefined : confirm.clear())}
          title={t('sessions.revokeTitle', { app: confirm.pending?.appName ?? '' })}
          description={t('sessions.revokeDescription')}
          confirmLabel={t('revoke')}
          cancelLabel={tCommon('cancel')}
          closeLabel={tCommon('close')}
          pending={revoke.isPending}
          onConfirm={() => confirm.pending && revoke.mutate(confirm.pending)}
        />
      ) : null}
    </UserSection>
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
