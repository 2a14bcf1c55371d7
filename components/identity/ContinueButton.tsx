'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/Button';
import { FormStatus } from './FormStatus';
import { useCredentialForm } from './use-credential-form';
import { useHydrated } from './use-hydrated';

/** One button that moves a request on (POST `{ requestId }` → redirectTo), e.g. after the email was verified elsewhere. */
export function ContinueButton({ requestId, action, label, error }: { requestId: string; action: string; label: string; error: string }) {
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const form = useCredentialForm({ requestId, fallback: error });
  return (
    <div className="flex flex-col gap-5">
      <FormStatus error={form.formError} notice={form.notice} alertRef={form.alertRef} />
      <Button type="button" fullWidth size="lg" loading={form.busy} loadingLabel={tCommon('loading')} disabled={!hydrated} onClick={() => form.submit(action, { requestId })}>
        {label}
      </Button>
    </div>
  );
}
