import type { ComponentProps } from 'react';
import { cn } from '@/lib/ui/cn';

export type BadgeVariant = 'neutral' | 'brand' | 'success' | 'warning' | 'danger';

const variants: Record<BadgeVariant, string> = {
  neutral: 'border-border bg-muted text-muted-foreground',
  brand: 'border-info-border bg-info-bg text-info-fg',
  success: 'border-success-border bg-success-bg text-success-fg',
  warning: 'border-warning-border bg-warning-bg text-warning-fg',
  danger: 'border-error-border bg-error-bg text-error-fg',
};

/** Small status label (Built-in, Active, …). Text, not color alone, carries the meaning. */
export function Badge({ variant = 'neutral', className, ...props }: ComponentProps<'span'> & { variant?: BadgeVariant }) {
  return (
    <span
      data-variant={variant}
      className={cn('inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap', variants[variant], className)}
      {...props}
    />
  );
}
