'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/Button';

/** A recovery code shown once: large, selectable, labelled, with a copy button. */
export function RecoveryCodeView({ code }: { code: string }) {
  const t = useTranslations('recoveryCodes');
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm font-medium text-surface-foreground" id="recovery-code-label">
        {t('codeLabel')}
      </p>
      <output
        aria-labelledby="recovery-code-label"
        data-testid="recovery-code"
        className="block rounded-control border border-border bg-muted px-3.5 py-3 text-center font-mono text-lg tracking-wider break-all text-surface-foreground select-all"
      >
        {code}
      </output>
      <Button
        type="button"
        variant="secondary"
        size="sm"
        onClick={() => {
          void navigator.clipboard?.writeText(code).then(() => setCopied(true));
        }}
      >
        {t('copy')}
      </Button>
      <div role="status" aria-live="polite" className="text-sm text-muted-foreground empty:hidden">
        {copied ? t('copied') : null}
      </div>
    </div>
  );
}
