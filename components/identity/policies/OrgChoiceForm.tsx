'use client';

import { useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { cn } from '@/lib/ui/cn';
import { useHydrated } from '../use-hydrated';
import { usePolicyAction } from './use-policy-action';

export interface OrgChoice {
  slug: string;
  name: string;
  /** Validated http(s) URL or null. */
  logoUrl: string | null;
}

export interface OrgChoiceFormProps {
  requestId: string;
  /** /identity/v1/process-switch-org (sign-in) or /identity/v1/policy/change-org (policy). */
  action: string;
  orgs: OrgChoice[];
  activeSlug: string | null;
  submitLabel: string;
}

/** The user's orgs as a radio group (logo + name), the active one preselected and marked. */
export function OrgChoiceForm({ requestId, action, orgs, activeSlug, submitLabel }: OrgChoiceFormProps) {
  const t = useTranslations('policies.switchOrg');
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const [selected, setSelected] = useState(activeSlug ?? orgs[0]?.slug ?? '');
  const { run, busy, formError, alertRef } = usePolicyAction(action, requestId);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (selected) await run({ org: selected });
  }

  return (
    <form method="post" action={action} onSubmit={onSubmit} className="flex flex-col gap-5" data-testid="org-choice-form">
      {formError ? (
        <Alert ref={alertRef} variant="error" tabIndex={-1}>
          {formError}
        </Alert>
      ) : null}
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-medium text-surface-foreground">{t('legend')}</legend>
        {orgs.map((org) => (
          <label
            key={org.slug}
            className={cn(
              'flex cursor-pointer items-center gap-3 rounded-control border px-3.5 py-3 text-sm transition-colors',
              'has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-ring',
              selected === org.slug ? 'border-brand bg-muted' : 'border-border hover:bg-muted',
            )}
          >
            <input
              type="radio"
              name="org"
              value={org.slug}
              checked={selected === org.slug}
              onChange={() => setSelected(org.slug)}
              className="size-4 accent-(--brand)"
            />
            {org.logoUrl ? (
              // eslint-disable-next-line @next/next/no-img-element -- org logos are arbitrary configured URLs
              <img src={org.logoUrl} alt="" width={32} height={32} className="size-8 shrink-0 object-contain" referrerPolicy="no-referrer" />
            ) : (
              <span aria-hidden="true" className="flex size-8 shrink-0 items-center justify-center rounded-control bg-muted font-semibold text-muted-foreground">
                {org.name.slice(0, 1).toUpperCase()}
              </span>
            )}
            <span className="flex min-w-0 flex-1 flex-col">
              <span className="truncate font-medium text-surface-foreground">{org.name}</span>
              <span className="truncate font-mono text-xs text-muted-foreground">{org.slug}</span>
            </span>
            {org.slug === activeSlug ? (
              <span className="rounded-full border border-border px-2 py-0.5 text-xs text-muted-foreground">{t('current')}</span>
            ) : null}
          </label>
        ))}
      </fieldset>
      <Button type="submit" size="lg" fullWidth disabled={!hydrated || !selected} loading={busy} loadingLabel={tCommon('loading')}>
        {submitLabel}
      </Button>
    </form>
  );
}
