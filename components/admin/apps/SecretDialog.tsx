'use client';

import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { CopyButton } from '@/components/ui/CopyButton';
import { Dialog, DialogActions, DialogClose } from '@/components/ui/Dialog';
import { TextField } from '@/components/ui/TextField';

export interface ShownSecret {
  appName: string;
  clientId: string;
  secret: string;
}

/**
 * An S2S app's client secret, shown once (after create or regenerate): the server keeps only its
 * hash, so closing this dialog loses it for good.
 */
export function SecretDialog({ shown, onClose }: { shown: ShownSecret | null; onClose: () => void }) {
  const t = useTranslations('adminApps');
  const tCommon = useTranslations('admin.common');
  return (
    <Dialog open={!!shown} onOpenChange={(open) => (open ? undefined : onClose())} title={t('secretTitle', { name: shown?.appName ?? '' })} closeLabel={tCommon('close')}>
      {shown ? (
        <div className="flex flex-col gap-4">
          <Alert variant="warning" role="note" title={t('secretOnce')}>
            {t('secretOnceHint')}
          </Alert>
          <div className="flex items-end gap-2">
            <TextField label={t('clientId')} value={shown.clientId} readOnly containerClassName="min-w-0 flex-1" className="font-mono" />
            <CopyButton value={shown.clientId} label={tCommon('copy')} copiedLabel={tCommon('copied')} aria-label={t('copyClientId')} className="mb-0.5" />
          </div>
          <div className="flex items-end gap-2">
            <TextField label={t('clientSecret')} value={shown.secret} readOnly containerClassName="min-w-0 flex-1" className="font-mono" data-testid="client-secret" />
            <CopyButton value={shown.secret} label={tCommon('copy')} copiedLabel={tCommon('copied')} aria-label={t('copySecret')} className="mb-0.5" />
          </div>
          <DialogActions>
            <DialogClose asChild>
              <Button>{t('secretDone')}</Button>
            </DialogClose>
          </DialogActions>
        </div>
      ) : null}
    </Dialog>
  );
}
