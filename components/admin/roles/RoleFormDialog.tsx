'use client';

import { useTranslations } from 'next-intl';
import { Controller } from 'react-hook-form';
import { z } from 'zod';
import { Button } from '@/components/ui/Button';
import { Dialog, DialogActions, DialogClose } from '@/components/ui/Dialog';
import { ScrollRegion } from '@/components/ui/ScrollRegion';
import { TextField } from '@/components/ui/TextField';
import { ListField, TextareaField } from '@/components/ui/fields';
import { ADMIN_SCOPES } from '@/lib/roles/admin-scopes';
import { roleName, roleNote, rolePermission } from '@/lib/roles/schemas';
import { useAdminViewer } from '../AdminProviders';
import { useApiForm, useFieldErrorText } from '../forms';
import { useListLabels } from '../labels';
import { mayGrant, RIGHTS_RESOURCES, rightScope, SPECIAL_RIGHTS } from './admin-rights';
import type { Role } from './types';

const formSchema = z.object({
  name: roleName,
  note: roleNote,
  permissions: z.array(rolePermission).max(100),
  adminScopes: z.array(z.enum(ADMIN_SCOPES)),
});

export type RoleDialogState = { mode: 'create' } | { mode: 'edit'; role: Role } | null;

/** Create or edit a custom role: name, note, permissions and its dashboard rights as a matrix. */
export function RoleFormDialog({ state, onClose }: { state: RoleDialogState; onClose: () => void }) {
  const t = useTranslations('adminRoles');
  const tCommon = useTranslations('admin.common');
  const editing = state?.mode === 'edit' ? state.role : undefined;
  return (
    <Dialog
      open={!!state}
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={editing ? t('editTitle', { name: editing.name }) : t('createTitle')}
      description={t('formDescription')}
      closeLabel={tCommon('close')}
      className="max-w-2xl"
    >
      {state ? <RoleForm key={editing?.id ?? 'create'} role={editing} onDone={onClose} /> : null}
    </Dialog>
  );
}

function RoleForm({ role, onDone }: { role?: Role; onDone: () => void }) {
  const t = useTranslations('adminRoles');
  const tCommon = useTranslations('admin.common');
  const errorText = useFieldErrorText();
  const listLabels = useListLabels((index) => t('permissionItem', { index }));
  const viewer = useAdminViewer();
  const { form, mutation: save, onSubmit } = useApiForm<typeof formSchema, { role: Role }>({
    schema: formSchema,
    defaultValues: {
      name: role?.name ?? '',
      note: role?.note ?? '',
      permissions: role?.permissions ?? [],
      adminScopes: (role?.adminScopes ?? []).filter((scope): scope is (typeof ADMIN_SCOPES)[number] => (ADMIN_SCOPES as readonly string[]).includes(scope)),
    },
    fields: ['name', 'note', 'permissions'],
    fieldErrors: { role_name_taken: { field: 'name', message: t('nameTaken') } },
    request: (values) => (role ? { path: `/api/v1/roles/${role.id}`, method: 'PUT', body: values } : { path: '/api/v1/roles', method: 'POST', body: values }),
    invalidates: ['/api/v1/roles'],
    successMessage: (data) => t(role ? 'updated' : 'created', { name: data.role.name }),
    onSuccess: onDone,
  });
  const {
    register,
    control,
    formState: { errors },
  } = form;

  const permissionErrors = Object.fromEntries((errors.permissions ? Object.entries(errors.permissions) : []).filter(([key]) => /^\d+$/.test(key)).map(([key, value]) => [Number(key), errorText(value as never)]));

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      <TextField label={t('name')} hint={t('nameHint')} error={errorText(errors.name)} required autoComplete="off" spellCheck={false} {...register('name')} />
      <TextareaField label={t('note')} error={errorText(errors.note)} rows={2} {...register('note')} />
      <Controller
        control={control}
        name="permissions"
        render={({ field }) => (
          <ListField
            label={t('permissions')}
            hint={t('permissionsHint')}
            value={field.value ?? []}
            onChange={field.onChange}
            ref={field.ref}
            labels={listLabels}
            errors={permissionErrors}
            error={errors.permissions?.root ? errorText(errors.permissions.root) : undefined}
          />
        )}
      />
      <Controller
        control={control}
        name="adminScopes"
        render={({ field }) => {
          const selected = new Set<string>(field.value ?? []);
          const toggle = (scope: string, on: boolean) => {
            const next = new Set(selected);
            if (on) next.add(scope);
            else next.delete(scope);
            field.onChange(ADMIN_SCOPES.filter((candidate) => next.has(candidate)));
          };
          const box = (scope: string, label: string) => (
            <input
              type="checkbox"
              aria-label={label}
              checked={selected.has(scope)}
              disabled={!mayGrant(viewer.scopes, scope)}
              onChange={(event) => toggle(scope, event.target.checked)}
              className="size-4 accent-brand focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring disabled:opacity-50"
            />
          );
          return (
            <fieldset className="flex flex-col gap-2">
              <legend className="text-sm font-medium">{t('adminRights')}</legend>
              <p className="text-sm text-muted-foreground">{t('adminRightsHint')}</p>
              <ScrollRegion label={t('adminRights')} className="rounded-control border border-border">
                <table className="w-full text-sm">
                  <caption className="sr-only">{t('adminRights')}</caption>
                  <thead className="bg-muted/50">
                    <tr>
                      <th scope="col" className="px-3 py-2 text-start font-medium">
                        {t('resource')}
                      </th>
                      <th scope="col" className="px-3 py-2 text-center font-medium">
                        {t('read')}
                      </th>
                      <th scope="col" className="px-3 py-2 text-center font-medium">
                        {t('write')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {RIGHTS_RESOURCES.map((resource) => (
                      <tr key={resource} className="border-t border-border">
                        <th scope="row" className="px-3 py-2 text-start font-normal">
                          {t(`resources.${resource}`)}
                        </th>
                        <td className="px-3 py-2 text-center">{box(rightScope(resource, 'read'), t('readRight', { resource: t(`resources.${resource}`) }))}</td>
                        <td className="px-3 py-2 text-center">{box(rightScope(resource, 'write'), t('writeRight', { resource: t(`resources.${resource}`) }))}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
              <div className="flex flex-col gap-2 pt-1">
                {SPECIAL_RIGHTS.map((scope) => (
                  <label key={scope} className="flex items-start gap-2 text-sm">
                    <input
                      type="checkbox"
                      checked={selected.has(scope)}
                      disabled={!mayGrant(viewer.scopes, scope)}
                      onChange={(event) => toggle(scope, event.target.checked)}
                      className="mt-0.5 size-4 accent-brand focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring disabled:opacity-50"
                    />
                    <span>
                      <span className="font-medium">{t(`special.${scope}`)}</span>
                      <span className="block text-muted-foreground">{t(`specialHint.${scope}`)}</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
          );
        }}
      />
      <DialogActions>
        <DialogClose asChild>
          <Button variant="secondary">{tCommon('cancel')}</Button>
        </DialogClose>
        <Button type="submit" loading={save.isPending} loadingLabel={tCommon('loading')}>
          {role ? tCommon('save') : tCommon('create')}
        </Button>
      </DialogActions>
    </form>
  );
}
