'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/Button';
import { Dialog, DialogActions, DialogClose } from '@/components/ui/Dialog';
import { TextField } from '@/components/ui/TextField';
import { CheckboxField, SelectField } from '@/components/ui/fields';
import { createUserApiInput, createUserInput } from '@/lib/users/schemas';
import { useApiForm, useFieldErrorText } from '../forms';
import { USERS_PATH, type LocaleOption, type UserDetail } from './types';

// The API's own fields; the password with sign-up's length rule (the API answers weak_password).
const formSchema = createUserApiInput.pick({ email: true, firstName: true, lastName: true, locale: true, emailVerified: true }).extend({
  password: createUserInput.shape.password,
});

/** Create a user with a password; on success the browser goes to the new user's page. */
export function CreateUserDialog({ open, onClose, locales }: { open: boolean; onClose: () => void; locales: readonly LocaleOption[] }) {
  const t = useTranslations('adminUsers');
  const tCommon = useTranslations('admin.common');
  return (
    <Dialog open={open} onOpenChange={(next) => (next ? undefined : onClose())} title={t('createTitle')} description={t('createDescription')} closeLabel={tCommon('close')}>
      {open ? <CreateUserForm locales={locales} onDone={onClose} /> : null}
    </Dialog>
  );
}

function CreateUserForm({ locales, onDone }: { locales: readonly LocaleOption[]; onDone: () => void }) {
  const t = useTranslations('adminUsers');
  const tCommon = useTranslations('admin.common');
  const router = useRouter();
  const errorText = useFieldErrorText();
  const { form, mutation: create, onSubmit } = useApiForm<typeof formSchema, { user: UserDetail }>({
    schema: formSchema,
    defaultValues: { email: '', password: '', firstName: '', lastName: '', locale: locales[0]?.code ?? 'en', emailVerified: false },
    fields: ['email', 'password', 'firstName', 'lastName', 'locale'],
    fieldErrors: {
      email_taken: { field: 'email', message: t('emailTaken') },
      weak_password: { field: 'password', message: t('weakPassword') },
    },
    request: (values) => ({ path: USERS_PATH, method: 'POST', body: values }),
    invalidates: [USERS_PATH],
    successMessage: (data) => t('createdToast', { email: data.user.email ?? data.user.authId }),
    onSuccess: (data) => {
      onDone();
      router.push(`/admin/users/${data.user.authId}`);
    },
  });
  const {
    register,
    formState: { errors },
  } = form;

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      <TextField label={t('email')} type="email" autoComplete="off" required error={errorText(errors.email)} {...register('email')} />
      <TextField label={t('password')} type="password" autoComplete="new-password" required hint={t('passwordHint')} error={errorText(errors.password)} {...register('password')} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t('firstName')} autoComplete="off" error={errorText(errors.firstName)} {...register('firstName')} />
        <TextField label={t('lastName')} autoComplete="off" error={errorText(errors.lastName)} {...register('lastName')} />
      </div>
      <SelectField label={t('locale')} options={locales.map((locale) => ({ value: locale.code, label: locale.name }))} error={errorText(errors.locale)} {...register('locale')} />
      <CheckboxField label={t('emailVerified')} hint={t('emailVerifiedHint')} {...register('emailVerified')} />
      <DialogActions>
        <DialogClose asChild>
          <Button variant="secondary">{tCommon('cancel')}</Button>
        </DialogClose>
        <Button type="submit" loading={create.isPending} loadingLabel={tCommon('loading')}>
          {tCommon('create')}
        </Button>
      </DialogActions>
    </form>
  );
}
