'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { Controller } from 'react-hook-form';
import { z } from 'zod';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { SelectField, SwitchField, TextareaField } from '@/components/ui/fields';
import { METADATA_MAX_BYTES, updateUserInput } from '@/lib/users/schemas';
import { metadataPatch, parseMetadataObject } from '@/lib/users/metadata-edit';
import { useCan } from '../AdminProviders';
import type { ApiError } from '../api-client';
import { useApiForm, useFieldErrorText } from '../forms';
import { useApiMutation, useApiQuery, type ApiMutationOptions } from '../query';
import { QueryBlock, UserSection } from './QueryBlock';
import { userPath, USERS_PATH, type LocaleOption, type OrgGroup, type OrgRef, type RoleOption, type UserAttribute, type UserDetail } from './types';

const checkboxClass = 'size-4 rounded border-border accent-brand focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring';

type UserUpdate = z.input<typeof updateUserInput>;

/** PUT /api/v1/users/{authId} with a part of the user, refreshing the user and the list (useApiMutation's options). */
function useUpdateUserOptions(user: UserDetail) {
  const t = useTranslations('adminUsers');
  return {
    request: (body: UserUpdate) => ({ path: userPath(user.authId), method: 'PUT', body }),
    invalidates: [USERS_PATH],
    successMessage: (data: { user: UserDetail }) => t('saved', { email: data.user.email ?? data.user.authId }),
  } satisfies ApiMutationOptions<{ user: UserDetail }, UserUpdate>;
}

/** That write as a mutation, for the sections without a react-hook-form form. */
function useUpdateUser(user: UserDetail, errorMessage?: (error: ApiError) => string | null | undefined) {
  return useApiMutation({ ...useUpdateUserOptions(user), errorMessage });
}

const profileSchema = updateUserInput.pick({ firstName: true, lastName: true, locale: true, isActive: true, mfaRequired: true });

export function ProfileSection({ user, locales }: { user: UserDetail; locales: readonly LocaleOption[] }) {
  const t = useTranslations('adminUsers');
  const tCommon = useTranslations('admin.common');
  const canWrite = useCan('write_user');
  const errorText = useFieldErrorText();
  const saveUser = useUpdateUserOptions(user);
  const { form, mutation: update, onSubmit } = useApiForm<typeof profileSchema, { user: UserDetail }>({
    schema: profileSchema,
    defaultValues: { firstName: user.firstName ?? '', lastName: user.lastName ?? '', locale: user.locale, isActive: user.isActive, mfaRequired: user.mfaRequired },
    fields: ['firstName', 'lastName', 'locale'],
    ...saveUser,
    // an emptied name is removed (null), not saved as ""
    request: (values) => saveUser.request({ ...values, firstName: values.firstName || null, lastName: values.lastName || null }),
    onSuccess: (data, values) => {
      form.reset({ ...values, isActive: data.user.isActive });
    },
  });
  const {
    register,
    control,
    formState: { errors, isDirty },
  } = form;
  const options = locales.some((locale) => locale.code === user.locale) ? locales : [...locales, { code: user.locale, name: user.locale }];

  return (
    <UserSection title={t('tabs.profile')}>
      <form noValidate onSubmit={onSubmit} className="flex max-w-xl flex-col gap-4">
        <fieldset disabled={!canWrite} className="flex flex-col gap-4">
          <legend className="sr-only">{t('tabs.profile')}</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label={t('firstName')} autoComplete="off" error={errorText(errors.firstName)} {...register('firstName')} />
            <TextField label={t('lastName')} autoComplete="off" error={errorText(errors.lastName)} {...register('lastName')} />
          </div>
          <SelectField label={t('locale')} options={options.map((locale) => ({ value: locale.code, label: locale.name }))} error={errorText(errors.locale)} {...register('locale')} />
          <Controller
            control={control}
            name="isActive"
            render={({ field }) => (
              <SwitchField label={t('activeLabel')} hint={t('activeHint')} checked={!!field.value} onCheckedChange={field.onChange} ref={field.ref} name={field.name} onBlur={field.onBlur} disabled={!canWrite} />
            )}
          />
          <Controller
            control={control}
            name="mfaRequired"
            render={({ field }) => (
              <SwitchField label={t('mfaRequired')} hint={t('mfaRequiredHint')} checked={!!field.value} onCheckedChange={field.onChange} ref={field.ref} name={field.name} onBlur={field.onBlur} disabled={!canWrite} />
            )}
          />
        </fieldset>
        {canWrite ? (
          <div>
            <Button type="submit" disabled={!isDirty} loading={update.isPending} loadingLabel={tCommon('loading')}>
              {tCommon('save')}
            </Button>
          </div>
        ) : null}
      </form>
    </UserSection>
  );
}

/** A list of checkboxes over `options`, saved as a whole. Read-only: the current values as badges. */
function CheckboxSet({
  legend,
  options,
  initial,
  canWrite,
  pending,
  onSave,
}: {
  legend: string;
  options: readonly { id: string; label: string; note?: string }[];
  initial: readonly string[];
  canWrite: boolean;
  pending: boolean;
  onSave: (ids: string[]) => void;
}) {
  const t = useTranslations('adminUsers');
  const tCommon = useTranslations('admin.common');
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set(initial));
  const baseId = useId();
  const changed = checked.size !== initial.length || initial.some((id) => !checked.has(id));
  if (!canWrite) {
    const held = options.filter((option) => initial.includes(option.id));
    return held.length ? (
      <ul className="flex flex-wrap gap-2" aria-label={legend}>
        {held.map((option) => (
          <li key={option.id}>
            <Badge>{option.label}</Badge>
          </li>
        ))}
      </ul>
    ) : (
      <p className="text-sm text-muted-foreground">{t('none')}</p>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave(options.filter((option) => checked.has(option.id)).map((option) => option.id));
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-3">
      <fieldset className="flex flex-col gap-2">
        <legend className="sr-only">{legend}</legend>
        {options.length ? null : <p className="text-sm text-muted-foreground">{t('none')}</p>}
        {options.map((option) => (
          <div key={option.id} className="flex items-start gap-2">
            <input
              id={`${baseId}-${option.id}`}
              type="checkbox"
              className={`${checkboxClass} mt-0.5`}
              checked={checked.has(option.id)}
              onChange={(event) =>
                setChecked((current) => {
                  const next = new Set(current);
                  if (event.target.checked) next.add(option.id);
                  else next.delete(option.id);
                  return next;
                })
              }
            />
            <label htmlFor={`${baseId}-${option.id}`} className="text-sm">
              <span className="font-medium">{option.label}</span>
              {option.note ? <span className="ms-2 text-muted-foreground">{option.note}</span> : null}
            </label>
          </div>
        ))}
      </fieldset>
      <div>
        <Button type="submit" size="sm" disabled={!changed} loading={pending} loadingLabel={tCommon('loading')}>
          {tCommon('save')}
        </Button>
      </div>
    </form>
  );
}

export function AccessSection({ user }: { user: UserDetail }) {
  const t = useTranslations('adminUsers');
  const canWrite = useCan('write_user');
  const canReadRoles = useCan('read_role');
  const canReadOrgs = useCan('read_org');
  const canWriteOrgs = useCan('write_org') && canWrite;
  const roles = useApiQuery<{ roles: RoleOption[] }>('/api/v1/roles', undefined, { enabled: canReadRoles });
  const orgs = useApiQuery<{ orgs: OrgRef[] }>('/api/v1/orgs', undefined, { enabled: canReadOrgs });
  const updateRoles = useUpdateUser(user);
  const updateOrgs = useApiMutation<unknown, string[]>({
    request: (ids) => ({ path: `${userPath(user.authId)}/orgs`, method: 'POST', body: { orgs: ids } }),
    invalidates: [userPath(user.authId)],
    successMessage: t('orgsSaved'),
  });

  const heldRoles = user.roles.map((name) => ({ id: name, label: name }));
  return (
    <div className="flex flex-col gap-4">
      <UserSection title={t('roles')} description={t('rolesHint')}>
        {canReadRoles ? (
          <QueryBlock query={roles}>
            {(data) => (
              <CheckboxSet
                key={user.roles.join(',')}
                legend={t('roles')}
                options={data.roles.map((role) => ({ id: role.name, label: role.name, note: role.note }))}
                initial={user.roles}
                canWrite={canWrite}
                pending={updateRoles.isPending}
                onSave={(names) => updateRoles.mutate({ roles: names })}
              />
            )}
          </QueryBlock>
        ) : (
          <CheckboxSet legend={t('roles')} options={heldRoles} initial={user.roles} canWrite={false} pending={false} onSave={() => undefined} />
        )}
      </UserSection>
      <UserSection title={t('orgs')} description={t('orgsHint')}>
        {canReadOrgs ? (
          <QueryBlock query={orgs}>
            {(data) => (
              <CheckboxSet
                key={user.orgs.map((org) => org.id).join(',')}
                legend={t('orgs')}
                options={data.orgs.map((org) => ({ id: org.id, label: org.name, note: org.slug }))}
                initial={user.orgs.map((org) => org.id)}
                canWrite={canWriteOrgs}
                pending={updateOrgs.isPending}
                onSave={(ids) => updateOrgs.mutate(ids)}
              />
            )}
          </QueryBlock>
        ) : (
          <CheckboxSet legend={t('orgs')} options={user.orgs.map((org) => ({ id: org.id, label: org.name }))} initial={user.orgs.map((org) => org.id)} canWrite={false} pending={false} onSave={() => undefined} />
        )}
      </UserSection>
      <UserSection title={t('orgGroups')} description={t('orgGroupsHint')}>
        {user.orgs.length ? (
          user.orgs.map((org) => <OrgGroupsOfOrg key={org.id} user={user} org={org} canRead={canReadOrgs} canWrite={canWriteOrgs} />)
        ) : (
          <p className="text-sm text-muted-foreground">{t('noOrgs')}</p>
        )}
      </UserSection>
    </div>
  );
}

/** The groups of one of the user's orgs; each checkbox joins or leaves a group at once. */
function OrgGroupsOfOrg({ user, org, canRead, canWrite }: { user: UserDetail; org: OrgRef; canRead: boolean; canWrite: boolean }) {
  const t = useTranslations('adminUsers');
  const baseId = useId();
  const groups = useApiQuery<{ orgGroups: OrgGroup[] }>('/api/v1/org-groups', { org_id: org.id }, { enabled: canRead });
  const member = new Set(user.orgGroups.map((group) => group.id));
  const toggle = useApiMutation<unknown, { group: OrgGroup; join: boolean }>({
    request: ({ group, join }) => ({ path: `${userPath(user.authId)}/org-groups/${group.id}`, method: join ? 'POST' : 'DELETE' }),
    invalidates: [userPath(user.authId)],
    successMessage: (_, { group, join }) => (join ? t('groupJoined', { name: group.name }) : t('groupLeft', { name: group.name })),
    // One membership on or off: the box shows the new state at once, and flips back if refused.
    optimistic: {
      path: userPath(user.authId),
      update: (current: { user: UserDetail }, { group, join }) => {
        const others = current.user.orgGroups.filter((held) => held.id !== group.id);
        return { ...current, user: { ...current.user, orgGroups: join ? [...others, { id: group.id, name: group.name, orgId: group.orgId }] : others } };
      },
    },
  });
  const held = user.orgGroups.filter((group) => group.orgId === org.id);
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="text-sm font-medium">{org.name}</legend>
      {canRead ? (
        <QueryBlock query={groups}>
          {(data) =>
            data.orgGroups.length ? (
              data.orgGroups.map((group) => (
                <div key={group.id} className="flex items-center gap-2">
                  <input
                    id={`${baseId}-${group.id}`}
                    type="checkbox"
                    className={checkboxClass}
                    checked={member.has(group.id)}
                    disabled={!canWrite || toggle.isPending}
                    onChange={(event) => toggle.mutate({ group, join: event.target.checked })}
                  />
                  <label htmlFor={`${baseId}-${group.id}`} className="text-sm">
                    {group.name}
                  </label>
                </div>
              ))
            ) : (
              <p className="text-sm text-muted-foreground">{t('noGroups')}</p>
            )
          }
        </QueryBlock>
      ) : (
        <p className="text-sm">{held.map((group) => group.name).join(', ') || t('none')}</p>
      )}
    </fieldset>
  );
}

function attributeLabel(attribute: UserAttribute, locale: string): string {
  return attribute.locales.find((entry) => entry.locale === locale)?.value || attribute.locales.find((entry) => entry.locale === 'en')?.value || attribute.name;
}

export function AttributesSection({ user }: { user: UserDetail }) {
  const t = useTranslations('adminUsers');
  const query = useApiQuery<{ userAttributes: UserAttribute[] }>('/api/v1/user-attributes');
  return (
    <UserSection title={t('tabs.attributes')} description={t('attributesHint')}>
      <QueryBlock query={query}>
        {(data) => (data.userAttributes.length ? <AttributesForm key={JSON.stringify(user.attributes)} user={user} attributes={data.userAttributes} /> : <p className="text-sm text-muted-foreground">{t('noAttributes')}</p>)}
      </QueryBlock>
    </UserSection>
  );
}

function AttributesForm({ user, attributes }: { user: UserDetail; attributes: UserAttribute[] }) {
  const tCommon = useTranslations('admin.common');
  const locale = useLocale();
  const canWrite = useCan('write_user');
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(attributes.map((attribute) => [attribute.id, user.attributes[attribute.name] ?? ''])));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const update = useUpdateUser(user, (error) => {
    const byId = Object.fromEntries(Object.entries(error.fields).map(([path, message]) => [path.replace(/^attributes\./, ''), message]));
    setFieldErrors(byId);
    return Object.keys(byId).some((id) => attributes.some((attribute) => attribute.id === id)) ? null : undefined;
  });
  return (
    <form
      noValidate
      className="flex max-w-xl flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        setFieldErrors({});
        update.mutate({ attributes: Object.fromEntries(Object.entries(values).map(([id, value]) => [id, value.trim() || null])) });
      }}
    >
      <fieldset disabled={!canWrite} className="flex flex-col gap-4">
        {attributes.map((attribute) => (
          <TextField
            key={attribute.id}
            label={attributeLabel(attribute, locale)}
            value={values[attribute.id] ?? ''}
            error={fieldErrors[attribute.id] ?? fieldErrors[attribute.name]}
            onChange={(event) => setValues((current) => ({ ...current, [attribute.id]: event.target.value }))}
          />
        ))}
      </fieldset>
      {canWrite ? (
        <div>
          <Button type="submit" loading={update.isPending} loadingLabel={tCommon('loading')}>
            {tCommon('save')}
          </Button>
        </div>
      ) : null}
    </form>
  );
}

export function MetadataSection({ user }: { user: UserDetail }) {
  const t = useTranslations('adminUsers');
  return (
    <UserSection title={t('tabs.metadata')} description={t('metadataHint', { bytes: METADATA_MAX_BYTES })}>
      <MetadataForm key={JSON.stringify(user.metadata)} user={user} />
    </UserSection>
  );
}

function MetadataForm({ user }: { user: UserDetail }) {
  const t = useTranslations('adminUsers');
  const tCommon = useTranslations('admin.common');
  const canWrite = useCan('write_user');
  const initial = JSON.stringify(user.metadata, null, 2);
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | undefined>();
  const update = useUpdateUser(user, (apiError) => {
    if (apiError.code === 'metadata_too_large' || apiError.fields.metadata) {
      setError(t('metadataTooLarge', { bytes: METADATA_MAX_BYTES }));
      return null;
    }
    return undefined;
  });
  return (
    <form
      noValidate
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = parseMetadataObject(text);
        if (!parsed.ok) {
          setError(t(`metadataErrors.${parsed.error}`));
          (event.currentTarget.elements.namedItem('metadata') as HTMLTextAreaElement | null)?.focus();
          return;
        }
        setError(undefined);
        update.mutate({ metadata: metadataPatch(user.metadata, parsed.value) });
      }}
    >
      <TextareaField
        name="metadata"
        label={t('metadataLabel')}
        rows={10}
        spellCheck={false}
        readOnly={!canWrite}
        className="font-mono text-xs"
        value={text}
        error={error}
        onChange={(event) => setText(event.target.value)}
      />
      {canWrite ? (
        <div className="flex gap-2">
          <Button type="submit" disabled={text === initial} loading={update.isPending} loadingLabel={tCommon('loading')}>
            {tCommon('save')}
          </Button>
          <Button variant="secondary" disabled={text === initial} onClick={() => (setText(initial), setError(undefined))}>
            {t('revert')}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
