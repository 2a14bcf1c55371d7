import type { ComponentProps } from 'react';
import { cn } from '@/lib/ui/cn';
import { Spinner } from './Spinner';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';
export type ButtonSize = 'sm' | 'md' | 'lg';

export interface ButtonProps extends ComponentProps<'button'> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Shows a spinner, sets aria-busy and disables the button (no double submits). */
  loading?: boolean;
  /** Extra text for screen readers while loading, e.g. t('common.loading'). */
  loadingLabel?: string;
  fullWidth?: boolean;
}

const base =
  'inline-flex items-center justify-center gap-2 rounded-control font-medium whitespace-nowrap select-none ' +
  'transition-colors duration-150 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring ' +
  'disabled:cursor-not-allowed disabled:opacity-60';

const variants: Record<ButtonVariant, string> = {
  primary: 'border border-brand-border bg-brand text-brand-foreground shadow-sm hover:bg-brand-hover disabled:hover:bg-brand',
  secondary:
    'border border-secondary-border bg-secondary text-secondary-foreground shadow-sm hover:bg-secondary-hover disabled:hover:bg-secondary',
  ghost: 'text-foreground hover:bg-muted disabled:hover:bg-transparent',
  danger: 'bg-danger text-danger-foreground shadow-sm hover:bg-danger-hover disabled:hover:bg-danger',
};

const sizes: Record<ButtonSize, string> = {
  sm: 'h-8 px-3 text-sm',
  md: 'h-10 px-4 text-sm',
  lg: 'h-11 px-5 text-base',
};

/**
 * Button primitive. `type` defaults to "button": pass type="submit" for a form's submit button.
 * Server- and client-safe (no hooks).
 */
export function Button({
  variant = 'primary',
  size = 'md',
  loading = false,
  loadingLabel,
  fullWidth = false,
  type = 'button',
  disabled,
  className,
  children,
  ...props
}: ButtonProps) {
  return (
    <button
      type={type}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      data-variant={variant}
      className={cn(base, variants[variant], sizes[size], fullWidth && 'w-full', className)}
      {...props}
    >
      {loading ? <Spinner /> : null}
      {children}
      {loading && loadingLabel ? <span className="sr-only">{loadingLabel}</span> : null}
    </button>
  );
}

/** Classes that make a link look like a Button (for navigation that must stay an <a>). */
export function buttonClasses({
  variant = 'primary',
  size = 'md',
  fullWidth = false,
  className,
}: { variant?: ButtonVariant; size?: ButtonSize; fullWidth?: boolean; className?: string } = {}): string {
  return cn(base, variants[variant], sizes[size], fullWidth && 'w-full', className);
}
