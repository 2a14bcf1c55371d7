'use client';

import { useTranslations } from 'next-intl';
import { ShownOnceDialog } from '@/components/admin/ShownOnceDialog';
import type { ShownApiKey } from './ApiKeyFormDialog';

/** A new key (tsk_…), shown this once: only its hash is stored. */
export function ApiKeyShownDialog({ shown, onClose }: { shown: ShownApiKey | null; onClose: () => void }) {
  const t = useTranslations('adminApiKeys');
  return (
    <ShownOnceDialog
      open={!!shown}
      onClose={onClose}
      title={t('keyTitle', { name: shown?.name ?? '' })}
      warning={t('keyOnce')}
      warningHint={t('keyOnceHint')}
      fields={shown ? [{ label: t('key'), value: shown.key, copyLabel: t('copyKey'), testId: 'api-key-secret' }] : []}
      doneLabel={t('keyDone')}
    >
      <p className="text-sm text-muted-foreground">{t('keyUsage')}</p>
    </ShownOnceDialog>
  );
}
