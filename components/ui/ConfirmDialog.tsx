'use client';

import { useId, useState, type ReactNode } from 'react';
import { Button } from './Button';
import { Dialog, DialogActions, DialogClose } from './Dialog';
import { TextField } from './TextField';

export interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  closeLabel: string;
  onConfirm: () => void;
  /** The action is running: the confirm button shows a spinner and cannot be pressed again. */
  pending?: boolean;
  /**
   * For deletes: the confirm button stays disabled until `value` (e.g. the object's name) is typed
   * into a field labelled `label`.
   */
  typedConfirmation?: { value: string; label: ReactNode };
  destructive?: boolean;
}

/** Confirmation of a (usually destructive) action, as an alertdialog; Cancel has the initial focus unless a typed confirmation is asked. */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  cancelLabel,
  closeLabel,
  onConfirm,
  pending = false,
  typedConfirmation,
  destructive = true,
}: ConfirmDialogProps) {
  const [typed, setTyped] = useState('');
  // Emptied whenever the dialog closes, also when its caller closes it (the item was removed).
  const [wasOpen, setWasOpen] = useState(open);
  if (wasOpen !== open) {
    setWasOpen(open);
    if (!open) setTyped('');
  }
  const fieldId = useId();
  const confirmed = !typedConfirmation || typed.trim() === typedConfirmation.value;
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={title} description={description} closeLabel={closeLabel} role="alertdialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (confirmed && !pending) onConfirm();
        }}
      >
        {typedConfirmation ? (
          <TextField
            id={fieldId}
            label={typedConfirmation.label}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            autoComplete="off"
            spellCheck={false}
            data-testid="confirm-typed"
          />
        ) : null}
        <DialogActions>
          <DialogClose asChild>
            <Button variant="secondary">{cancelLabel}</Button>
          </DialogClose>
          <Button type="submit" variant={destructive ? 'danger' : 'primary'} disabled={!confirmed} loading={pending}>
            {confirmLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
