'use client';

import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { CopyButton } from '@/components/ui/CopyButton';
import { Dialog, DialogActions, DialogClose } from '@/components/ui/Dialog';
import { TextField } from '@/components/ui/TextField';
import type { ShownApiKey } from './ApiKeyFormDialog';

/** A new key (tsk_…), shown this once: only its hash is stored. */
export function ApiKeyShownDialog({ shown, onClose }: { shown: ShownApiKey | null; onClose: () => void }) {
  const t = useTranslations('adminApiKeys');
  const tCommon = useTranslations('admin.common');
  return (
    <Dialog open={!!shown} onOpenChange={(open) => (open ? undefined : onClose())} title={t('keyTitle', { name: shown?.name ?? '' })} closeLabel={tCommon('close')}>
      {shown ? (
        <div className="flex flex-col gap-4">
          <Alert variant="warning" role="note" title={t('keyOnce')}>
            {t('keyOnceHint')}
          </Alert>
          <div className="flex items-end gap-2">
            <TextField label={t('key')} value={shown.key} readOnly containerClassName="min-w-0 flex-1" className="font-mono" data-testid="api-key-secret" />
            <CopyButton value={shown.key} label={tCommon('copy')} copiedLabel={tCommon('copied')} aria-label={t('copyKey')} className="mb-0.5" />
          </div>
          <p className="text-sm text-muted-foreground">{t('keyUsage')}</p>
          <DialogActions>
            <DialogClose asChild>
              <Button>{t('keyDone')}</Button>
            </DialogClose>
          </DialogActions>
        </div>
      ) : null}
    </Dialog>
  );
}
