'use client';

import { useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/Button';
import { cn } from '@/lib/ui/cn';
import { FormStatus } from '../FormStatus';
import { useCredentialForm } from '../use-credential-form';
import { useHydrated } from '../use-hydrated';

type Factor = 'otp' | 'email' | 'sms';

/** The mfa_enroll step: the offered factors as a radio group, then continue. */
export function EnrollForm({ requestId, offer }: { requestId: string; offer: Factor[] }) {
  const t = useTranslations('mfa.enroll');
  const tMfa = useTranslations('mfa');
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const form = useCredentialForm({ requestId, fallback: tMfa('error') });
  const [selected, setSelected] = useState<Factor>(offer[0] ?? 'otp');

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await form.submit('/identity/v1/process-mfa-enroll', { requestId, type: selected });
  }

  return (
    <form method="post" action="/identity/v1/process-mfa-enroll" onSubmit={onSubmit} className="flex flex-col gap-5" data-testid="mfa-enroll-form">
      <FormStatus error={form.formError} notice={form.notice} alertRef={form.alertRef} />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-medium text-surface-foreground">{t('legend')}</legend>
        {offer.map((factor) => (
          <label
            key={factor}
            className={cn(
              'flex cursor-pointer items-start gap-3 rounded-control border px-3.5 py-3 text-sm transition-colors',
              'has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-ring',
              selected === factor ? 'border-brand bg-muted' : 'border-border hover:bg-muted',
            )}
          >
            <input
              type="radio"
              name="type"
              value={factor}
              checked={selected === factor}
              onChange={() => setSelected(factor)}
              className="mt-0.5 size-4 accent-(--brand)"
            />
            <span className="flex min-w-0 flex-1 flex-col">
              <span className="font-medium text-surface-foreground">{t(factor)}</span>
              <span className="text-muted-foreground">{t(`${factor}Hint`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <Button type="submit" size="lg" fullWidth disabled={!hydrated} loading={form.busy} loadingLabel={tCommon('loading')}>
        {t('submit')}
      </Button>
    </form>
  );
}
