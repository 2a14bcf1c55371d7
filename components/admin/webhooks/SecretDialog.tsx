'use client';

import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { CopyButton } from '@/components/ui/CopyButton';
import { Dialog, DialogActions, DialogClose } from '@/components/ui/Dialog';
import { TextField } from '@/components/ui/TextField';

export interface ShownWebhookSecret {
  name: string;
  secret: string;
}

/** An endpoint's signing secret (whsec_…), shown once after create and rotation. */
export function WebhookSecretDialog({ shown, onClose }: { shown: ShownWebhookSecret | null; onClose: () => void }) {
  const t = useTranslations('adminWebhooks');
  const tCommon = useTranslations('admin.common');
  return (
    <Dialog open={!!shown} onOpenChange={(open) => (open ? undefined : onClose())} title={t('secretTitle', { name: shown?.name ?? '' })} closeLabel={tCommon('close')}>
      {shown ? (
        <div className="flex flex-col gap-4">
          <Alert variant="warning" role="note" title={t('secretOnce')}>
            {t('secretOnceHint')}
          </Alert>
          <div className="flex items-end gap-2">
            <TextField label={t('secret')} value={shown.secret} readOnly containerClassName="min-w-0 flex-1" className="font-mono" data-testid="webhook-secret" />
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
