import type { ReactNode, Ref } from 'react';
import { cn } from '@/lib/ui/cn';

/**
 * A page's h1, an optional description, and its actions (e.g. Create), which wrap under the title on
 * narrow screens. A title with no space to wrap at (a user's email address) breaks where it must.
 * `headingRef` makes the h1 a focus target (e.g. after the row that had the focus was deleted).
 */
export function PageHeader({
  title,
  description,
  actions,
  className,
  headingRef,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  className?: string;
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  return (
    <div className={cn('mb-6 flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between', className)}>
      <div className="min-w-0">
        <h1
          ref={headingRef}
          tabIndex={headingRef ? -1 : undefined}
          className="rounded-control text-2xl font-semibold tracking-tight text-balance wrap-break-word text-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
        >
          {title}
        </h1>
        {description ? <p className="mt-1 max-w-prose text-sm text-muted-foreground">{description}</p> : null}
      </div>
      {actions ? <div className="flex shrink-0 flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}
