import type { ReactNode } from 'react';
import { cn } from '@/lib/ui/cn';
import { Button } from './Button';

/** Grey placeholder bars while data loads; hidden from assistive technology (announce loading with aria-busy on the region). */
export function Skeleton({ className }: { className?: string }) {
  return <span aria-hidden="true" className={cn('block h-4 animate-pulse rounded bg-muted', className)} />;
}

/** A region still loading: skeleton bars (one per class in `bars`), busy, with `label` announced to screen readers. */
export function LoadingState({ label, bars, className }: { label: string; bars: readonly string[]; className?: string }) {
  return (
    <div aria-busy="true" className={cn('flex flex-col gap-2', className)}>
      <span className="sr-only" role="status">
        {label}
      </span>
      {bars.map((bar, index) => (
        <Skeleton key={index} className={bar} />
      ))}
    </div>
  );
}

/** Shown when a list has nothing (or nothing matches a search), with an optional action. */
export function EmptyState({ title, children, action, className }: { title: ReactNode; children?: ReactNode; action?: ReactNode; className?: string }) {
  return (
    <div role="status" className={cn('flex flex-col items-center gap-2 px-4 py-10 text-center', className)} data-testid="empty-state">
      <p className="text-sm font-medium text-surface-foreground">{title}</p>
      {children ? <p className="max-w-md text-sm text-muted-foreground">{children}</p> : null}
      {action ? <div className="mt-2">{action}</div> : null}
    </div>
  );
}

/** A failed load: what happened, and a Retry button. */
export function ErrorState({
  title,
  message,
  retryLabel,
  onRetry,
  retrying = false,
  className,
}: {
  title: ReactNode;
  message?: ReactNode;
  retryLabel: string;
  onRetry: () => void;
  retrying?: boolean;
  className?: string;
}) {
  return (
    <div role="alert" className={cn('flex flex-col items-center gap-2 px-4 py-10 text-center', className)} data-testid="error-state">
      <p className="text-sm font-medium text-error-fg">{title}</p>
      {message ? <p className="max-w-md text-sm text-muted-foreground">{message}</p> : null}
      <Button variant="secondary" size="sm" className="mt-2" onClick={onRetry} loading={retrying}>
        {retryLabel}
      </Button>
    </div>
  );
}
