'use client';

import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/Button';
import { cn } from '@/lib/ui/cn';

/**
 * A list's filter form. From the `sm` breakpoint up it is always shown; on a phone it folds behind
 * a "Filters" button (with the number in force), so the rows, not the fields, fill the first screen.
 */
export function FilterPanel({
  label,
  activeCount,
  onSubmit,
  formKey,
  className,
  children,
}: {
  label: string;
  activeCount: number;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** Remounts the form (its uncontrolled fields) when the filters in force change, e.g. the URL. */
  formKey: string;
  /** Grid columns of the fields. */
  className?: string;
  children: ReactNode;
}) {
  const t = useTranslations('admin.common');
  const [open, setOpen] = useState(false);
  const formId = useId();
  return (
    <div className="mb-4">
      <Button type="button" variant="secondary" className="mb-2 sm:hidden" aria-expanded={open} aria-controls={formId} onClick={() => setOpen(!open)}>
        {activeCount ? t('filtersActive', { count: activeCount }) : t('filters')}
      </Button>
      <form
        key={formKey}
        id={formId}
        onSubmit={onSubmit}
        aria-label={label}
        className={cn(open ? 'grid' : 'hidden', 'grid-cols-1 gap-3 rounded-card border border-border bg-surface p-4 sm:grid sm:grid-cols-2', className)}
      >
        {children}
      </form>
    </div>
  );
}
