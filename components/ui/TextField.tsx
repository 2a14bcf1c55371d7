import { useId, type ComponentProps, type ReactNode } from 'react';
import { cn } from '@/lib/ui/cn';

export interface TextFieldProps extends ComponentProps<'input'> {
  /** Visible label (always rendered; never a placeholder-only field). */
  label: ReactNode;
  /** Help text under the input, linked with aria-describedby. */
  hint?: ReactNode;
  /** Error text; sets aria-invalid and is linked with aria-describedby. */
  error?: ReactNode;
  /** Classes for the wrapping element (className goes to the <input>). */
  containerClassName?: string;
}

/**
 * Labelled text input. `ref` is a plain prop (React 19), so `{...register('email')}` from
 * react-hook-form works directly. Server- and client-safe (useId only).
 */
export function TextField({
  label,
  hint,
  error,
  id,
  className,
  containerClassName,
  required,
  type = 'text',
  'aria-describedby': describedBy,
  ref,
  ...props
}: TextFieldProps) {
  const generatedId = useId();
  const inputId = id ?? `field-${generatedId}`;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const hasError = error !== undefined && error !== null && error !== false && error !== '';
  const describedByIds =
    [describedBy, hint ? hintId : undefined, hasError ? errorId : undefined].filter(Boolean).join(' ') || undefined;

  return (
    <div className={cn('flex flex-col gap-1.5', containerClassName)}>
      <label htmlFor={inputId} className="text-sm font-medium text-surface-foreground">
        {label}
        {required ? (
          <span aria-hidden="true" className="ms-0.5 text-danger">
            *
          </span>
        ) : null}
      </label>
      <input
        ref={ref}
        id={inputId}
        type={type}
        required={required}
        aria-invalid={hasError || undefined}
        aria-describedby={describedByIds}
        className={cn(
          'h-10 w-full rounded-control border border-input bg-surface px-3 text-base text-surface-foreground sm:text-sm',
          'placeholder:text-muted-foreground shadow-xs transition-colors',
          'focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring/40',
          'disabled:cursor-not-allowed disabled:opacity-60',
          'aria-invalid:border-danger aria-invalid:focus-visible:outline-danger/40',
          className,
        )}
        {...props}
      />
      {hint ? (
        <p id={hintId} className="text-sm text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {hasError ? (
        <p id={errorId} className="flex items-start gap-1.5 text-sm font-medium text-danger">
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-4 shrink-0">
            <path
              fillRule="evenodd"
              d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-1.5 0v-4.5A.75.75 0 0 1 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
              clipRule="evenodd"
            />
          </svg>
          <span>{error}</span>
        </p>
      ) : null}
    </div>
  );
}
