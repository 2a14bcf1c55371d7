'use client';

import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { CopyButton } from '@/components/ui/CopyButton';
import { Dialog, DialogActions, DialogClose } from '@/components/ui/Dialog';
import { TextField } from '@/components/ui/TextField';

export interface ShownOnceField {
  label: string;
  value: string;
  copyLabel: string;
  testId?: string;
}

/**
 * A credential the server keeps only as a hash (client secret, webhook secret, API key), shown this
 * once after it is made: a warning, each value with a copy button, and an acknowledgement.
 */
export function ShownOnceDialog(props: {
  open: boolean;
  onClose: () => void;
  title: string;
  warning: string;
  warningHint: string;
  fields: ShownOnceField[];
  doneLabel: string;
  children?: ReactNode;
}) {
  const tCommon = useTranslations('admin.common');
  return (
    <Dialog open={props.open} onOpenChange={(open) => (open ? undefined : props.onClose())} title={props.title} closeLabel={tCommon('close')}>
      {props.open ? (
        <div className="flex flex-col gap-4">
          <Alert variant="warning" role="note" title={props.warning}>
            {props.warningHint}
          </Alert>
          {props.fields.map((field) => (
            <div key={field.label} className="flex items-end gap-2">
              <TextField label={field.label} value={field.value} readOnly containerClassName="min-w-0 flex-1" className="font-mono" data-testid={field.testId} />
              <CopyButton value={field.value} label={tCommon('copy')} copiedLabel={tCommon('copied')} aria-label={field.copyLabel} className="mb-0.5" />
            </div>
          ))}
          {props.children}
          <DialogActions>
            <DialogClose asChild>
              <Button>{props.doneLabel}</Button>
            </DialogClose>
          </DialogActions>
        </div>
      ) : null}
    </Dialog>
  );
}
