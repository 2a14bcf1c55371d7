'use client';

import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { useHydrated } from '../use-hydrated';
import { DeletePasskeyButton } from './DeletePasskeyButton';
import { usePasskeyAction } from './use-passkey-action';

export interface PasskeyRowProps {
  requestId: string;
  passkeyId: string;
  /** The stored name ('' when unnamed): the rename field starts with it. */
  name: string;
  /** What the list shows: the name, or the page's word for an unnamed passkey. */
  label: string;
  /** Lines under the name (added, last used), in the page's language. */
  details: string[];
  /** The server's limit (the input stops there; the server refuses longer names too). */
  nameMax: number;
}

/**
 * One passkey of manage_passkey: its name and dates, Rename and Delete. Rename opens an inline
 * form in the row (Enter saves, Escape cancels and gives the focus back to Rename); after a save the
 * page reloads with the list, as after a delete.
 */
export function PasskeyRow({ requestId, passkeyId, name, label, details, nameMax }: PasskeyRowProps) {
  const t = useTranslations('passkeys');
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const { alertRef, busy, error: actionError, go, pending, run } = usePasskeyAction(requestId);
  const [editing, setEditing] = useState(false);
  const [fieldError, setFieldError] = useState<string>();
  const inputRef = useRef<HTMLInputElement>(null);
  const renameRef = useRef<HTMLButtonElement>(null);
  // Only a cancel moves the focus back to Rename (not the first render).
  const returnFocus = useRef(false);

  useEffect(() => {
    if (editing) {
      inputRef.current?.focus();
      inputRef.current?.select();
    }
    else if (returnFocus.current) renameRef.current?.focus();
  }, [editing]);

  function open() {
    setFieldError(undefined);
    setEditing(true);
  }

  function cancel() {
    if (busy) return;
    returnFocus.current = true;
    setEditing(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    cancel();
  }

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('name') ?? '');
    setFieldError(undefined);
    return run('rename', async () => {
      await go('/identity/v1/policy/rename-passkey', { passkeyId, name: value }, (fields) => {
        if (fields.name !== 'too_long') return false;
        setFieldError(t('errors.too_long', { max: nameMax }));
        inputRef.current?.focus();
        return true;
      });
    });
  }

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <span className="flex min-w-0 flex-1 basis-40 flex-col gap-0.5">
          <span className="font-medium break-words text-surface-foreground">{label}</span>
          {details.map((detail) => (
            <span key={detail} className="text-muted-foreground">
              {detail}
            </span>
          ))}
        </span>
        {editing ? null : (
          <div className="ms-auto flex shrink-0 items-start gap-2">
            <Button ref={renameRef} type="button" variant="secondary" size="sm" disabled={!hydrated} aria-label={t('renameLabel', { name: label })} onClick={open}>
              {t('rename')}
            </Button>
            <DeletePasskeyButton requestId={requestId} passkeyId={passkeyId} label={t('delete')} accessibleLabel={t('deleteLabel', { name: label })} />
          </div>
        )}
      </div>
      {editing ? (
        <form noValidate onSubmit={save} onKeyDown={onKeyDown} className="flex flex-col gap-3" data-testid="passkey-rename-form">
          {actionError ? (
            <Alert ref={alertRef} variant="error" tabIndex={-1}>
              {actionError}
            </Alert>
          ) : null}
          <TextField ref={inputRef} label={t('renameField', { name: label })} name="name" defaultValue={name} maxLength={nameMax} autoComplete="off" error={fieldError} />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" size="sm" loading={pending === 'rename'} loadingLabel={tCommon('loading')}>
              {t('renameSave')}
            </Button>
            <Button type="button" variant="secondary" size="sm" disabled={busy} onClick={cancel}>
              {tCommon('cancel')}
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
