import type { ComponentProps } from 'react';
import { cn } from '@/lib/ui/cn';

export function Card({ className, ...props }: ComponentProps<'div'>) {
  return (
    <div
      className={cn(
        'rounded-card border border-border bg-surface text-surface-foreground shadow-sm shadow-black/5',
        className,
      )}
      {...props}
    />
  );
}

export function CardHeader({ className, ...props }: ComponentProps<'div'>) {
  return <div className={cn('flex flex-col gap-1.5 px-6 pt-6 sm:px-8 sm:pt-8', className)} {...props} />;
}

type HeadingLevel = 'h1' | 'h2' | 'h3';

export function CardTitle({ as: Heading = 'h2', className, ...props }: ComponentProps<'h2'> & { as?: HeadingLevel }) {
  return <Heading className={cn('text-xl font-semibold tracking-tight text-balance', className)} {...props} />;
}

export function CardDescription({ className, ...props }: ComponentProps<'p'>) {
  return <p className={cn('text-sm text-muted-foreground', className)} {...props} />;
}

export function CardContent({ className, ...props }: ComponentProps<'div'>) {
  return <div className={cn('px-6 py-6 sm:px-8', className)} {...props} />;
}

export function CardFooter({ className, ...props }: ComponentProps<'div'>) {
  return (
    <div
      className={cn('flex items-center gap-3 border-t border-border px-6 py-4 sm:px-8', className)}
      {...props}
    />
  );
}
