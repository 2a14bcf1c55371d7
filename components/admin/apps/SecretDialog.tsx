'use client';

import { useTranslations } from 'next-intl';
import { ShownOnceDialog } from '@/components/admin/ShownOnceDialog';

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
  return (
    <ShownOnceDialog
      open={!!shown}
      onClose={onClose}
      title={t('secretTitle', { name: shown?.appName ?? '' })}
      warning={t('secretOnce')}
      warningHint={t('secretOnceHint')}
      fields={
        shown
          ? [
              { label: t('clientId'), value: shown.clientId, copyLabel: t('copyClientId') },
              { label: t('clientSecret'), value: shown.secret, copyLabel: t('copySecret'), testId: 'client-secret' },
            ]
          : []
      }
      doneLabel={t('secretDone')}
    />
  );
}
