'use client';

import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/Alert';
import { Button, type ButtonProps } from '@/components/ui/Button';
import { cn } from '@/lib/ui/cn';
import { useHydrated } from '../use-hydrated';
import { usePolicyAction } from './use-policy-action';

export interface PolicyActionButtonProps extends Omit<ButtonProps, 'type' | 'onClick' | 'disabled' | 'loading' | 'loadingLabel' | 'children'> {
  requestId: string;
  /** The policy endpoint, POSTed `{ requestId, …body }` (use-policy-action). */
  action: string;
  body?: Record<string, unknown>;
  label: string;
  /** The error alert goes above the button (full-width buttons) or below it (buttons in a list row). */
  alertPlacement?: 'above' | 'below';
  containerClassName?: string;
}

/**
 * One button that runs a policy action without a form (leave the page, end sessions): disabled
 * until hydrated, spinning while it runs, and an error alert that receives focus.
 */
export function PolicyActionButton({
  requestId,
  action,
  body = {},
  label,
  alertPlacement = 'above',
  containerClassName,
  ...buttonProps
}: PolicyActionButtonProps) {
  const tCommon = useTranslations('common');
  const hydrated = useHydrated();
  const { run, busy, formError, alertRef } = usePolicyAction(action, requestId);
  const alert = formError ? (
    <Alert ref={alertRef} variant="error" tabIndex={-1}>
      {formError}
    </Alert>
  ) : null;
  return (
    <div className={cn('flex flex-col', alertPlacement === 'above' ? 'gap-3' : 'gap-2', containerClassName)}>
      {alertPlacement === 'above' ? alert : null}
      <Button {...buttonProps} type="button" disabled={!hydrated} loading={busy} loadingLabel={tCommon('loading')} onClick={() => run(body)}>
        {label}
      </Button>
      {alertPlacement === 'below' ? alert : null}
    </div>
  );
}
