'use client';

import { useTranslations } from 'next-intl';
import { ShownOnceDialog } from '@/components/admin/ShownOnceDialog';

export interface ShownWebhookSecret {
  name: string;
  secret: string;
}

/** An endpoint's signing secret (whsec_…), shown once after create and rotation. */
export function WebhookSecretDialog({ shown, onClose }: { shown: ShownWebhookSecret | null; onClose: () => void }) {
  const t = useTranslations('adminWebhooks');
  return (
    <ShownOnceDialog
      open={!!shown}
      onClose={onClose}
      title={t('secretTitle', { name: shown?.name ?? '' })}
      warning={t('secretOnce')}
      warningHint={t('secretOnceHint')}
      fields={shown ? [{ label: t('secret'), value: shown.secret, copyLabel: t('copySecret'), testId: 'webhook-secret' }] : []}
      doneLabel={t('secretDone')}
    />
  );
}
