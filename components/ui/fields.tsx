'use client';

import { useId, type ComponentProps, type ReactNode, type Ref } from 'react';
import { cn } from '@/lib/ui/cn';
import { Button } from './Button';

// Form fields beyond TextField (components/ui/TextField.tsx), with the same contract: a visible
// label, hint and error linked by aria-describedby, aria-invalid on error, and `ref` as a plain
// prop so react-hook-form's register() (or a Controller's field.ref) can focus the first error.

interface FieldChrome {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  containerClassName?: string;
}

function hasText(value: ReactNode): boolean {
  return value !== undefined && value !== null && value !== false && value !== '';
}

function describedBy(id: string, hint: ReactNode, error: ReactNode, extra?: string): string | undefined {
  return [extra, hasText(hint) ? `${id}-hint` : undefined, hasText(error) ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined;
}

function FieldLabel({ htmlFor, required, children }: { htmlFor: string; required?: boolean; children: ReactNode }) {
  return (
    <label htmlFor={htmlFor} className="text-sm font-medium text-surface-foreground">
      {children}
      {required ? (
        <span aria-hidden="true" className="ms-0.5 text-danger">
          *
        </span>
      ) : null}
    </label>
  );
}

function FieldNotes({ id, hint, error }: { id: string; hint?: ReactNode; error?: ReactNode }) {
  return (
    <>
      {hasText(hint) ? (
        <p id={`${id}-hint`} className="text-sm text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {hasText(error) ? (
        <p id={`${id}-error`} className="text-sm font-medium text-danger">
          {error}
        </p>
      ) : null}
    </>
  );
}

const controlClasses =
  'w-full rounded-control border border-input bg-surface px-3 text-base text-surface-foreground shadow-xs sm:text-sm ' +
  'focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring/40 ' +
  'disabled:cursor-not-allowed disabled:opacity-60 aria-invalid:border-danger';

export function TextareaField({ label, hint, error, containerClassName, id, className, required, 'aria-describedby': extra, ...props }: FieldChrome & ComponentProps<'textarea'>) {
  const generated = useId();
  const fieldId = id ?? `field-${generated}`;
  return (
    <div className={cn('flex flex-col gap-1.5', containerClassName)}>
      <FieldLabel htmlFor={fieldId} required={required}>
        {label}
      </FieldLabel>
      <textarea
        id={fieldId}
        required={required}
        aria-invalid={hasText(error) || undefined}
        aria-describedby={describedBy(fieldId, hint, error, extra)}
        className={cn(controlClasses, 'min-h-24 py-2', className)}
        {...props}
      />
      <FieldNotes id={fieldId} hint={hint} error={error} />
    </div>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export function SelectField({
  label,
  hint,
  error,
  containerClassName,
  id,
  className,
  required,
  options,
  'aria-describedby': extra,
  ...props
}: FieldChrome & ComponentProps<'select'> & { options: readonly SelectOption[] }) {
  const generated = useId();
  const fieldId = id ?? `field-${generated}`;
  return (
    <div className={cn('flex flex-col gap-1.5', containerClassName)}>
      <FieldLabel htmlFor={fieldId} required={required}>
        {label}
      </FieldLabel>
      <select
        id={fieldId}
        required={required}
        aria-invalid={hasText(error) || undefined}
        aria-describedby={describedBy(fieldId, hint, error, extra)}
        className={cn(controlClasses, 'h-10', className)}
        {...props}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldNotes id={fieldId} hint={hint} error={error} />
    </div>
  );
}

export function CheckboxField({ label, hint, error, containerClassName, id, className, 'aria-describedby': extra, ...props }: FieldChrome & Omit<ComponentProps<'input'>, 'type'>) {
  const generated = useId();
  const fieldId = id ?? `field-${generated}`;
  return (
    <div className={cn('flex flex-col gap-1', containerClassName)}>
      <div className="flex items-start gap-2">
        <input
          id={fieldId}
          type="checkbox"
          aria-invalid={hasText(error) || undefined}
          aria-describedby={describedBy(fieldId, hint, error, extra)}
          className={cn('mt-0.5 size-4 shrink-0 accent-brand focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring', className)}
          {...props}
        />
        <label htmlFor={fieldId} className="text-sm font-medium text-surface-foreground">
          {label}
        </label>
      </div>
      <div className="ps-6">
        <FieldNotes id={fieldId} hint={hint} error={error} />
      </div>
    </div>
  );
}

/** An on/off switch (role="switch"). Use with a react-hook-form Controller: checked + onCheckedChange + ref. */
export function SwitchField({
  label,
  hint,
  error,
  containerClassName,
  id,
  checked,
  onCheckedChange,
  disabled,
  ref,
  name,
  onBlur,
}: FieldChrome & { id?: string; checked: boolean; onCheckedChange: (checked: boolean) => void; disabled?: boolean; ref?: Ref<HTMLButtonElement>; name?: string; onBlur?: () => void }) {
  const generated = useId();
  const fieldId = id ?? `field-${generated}`;
  return (
    <div className={cn('flex flex-col gap-1', containerClassName)}>
      <div className="flex items-center justify-between gap-4">
        <label htmlFor={fieldId} className="text-sm font-medium text-surface-foreground">
          {label}
        </label>
        <button
          ref={ref}
          id={fieldId}
          name={name}
          type="button"
          role="switch"
          aria-checked={checked}
          aria-invalid={hasText(error) || undefined}
          aria-describedby={describedBy(fieldId, hint, error)}
          disabled={disabled}
          onBlur={onBlur}
          onClick={() => onCheckedChange(!checked)}
          className={cn(
            'relative inline-flex h-6 w-11 shrink-0 items-center rounded-full border border-input transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring disabled:opacity-60',
            checked ? 'bg-brand' : 'bg-muted',
          )}
        >
          <span aria-hidden="true" className={cn('inline-block size-4 rounded-full bg-surface shadow transition-transform', checked ? 'translate-x-6 rtl:-translate-x-6' : 'translate-x-1 rtl:-translate-x-1')} />
        </button>
      </div>
      <FieldNotes id={fieldId} hint={hint} error={error} />
    </div>
  );
}

export interface ListFieldLabels {
  add: string;
  /** Accessible name of the remove button of item `index` (1-based) with `value`. */
  remove: (index: number, value: string) => string;
  /** Accessible name of input `index` (1-based), e.g. "Redirect URI 2". */
  item: (index: number) => string;
}

/**
 * A list of text values (redirect URIs, allowed origins): one input per value, a remove button for
 * each and an Add button. Use with a Controller: value + onChange + ref (focuses the first input).
 * `errors` are per item (e.g. from zod's path 'redirectUris.2').
 */
export function ListField({
  label,
  hint,
  error,
  containerClassName,
  value,
  onChange,
  labels,
  errors = {},
  ref,
  inputType = 'text',
  disabled,
}: FieldChrome & {
  value: readonly string[];
  onChange: (value: string[]) => void;
  labels: ListFieldLabels;
  errors?: Record<number, ReactNode>;
  ref?: Ref<HTMLInputElement>;
  inputType?: 'text' | 'url' | 'email';
  disabled?: boolean;
}) {
  const generated = useId();
  const groupId = `list-${generated}`;
  const update = (index: number, next: string) => onChange(value.map((item, position) => (position === index ? next : item)));
  // Disabled (here or by a disabled fieldset around it, as in a read-only view), the list shows its
  // values only: Add and remove buttons that can never be used are hidden (disabled:hidden).
  return (
    <fieldset className={cn('flex flex-col gap-2', containerClassName)} aria-describedby={describedBy(groupId, hint, error)}>
      <legend className="mb-1.5 text-sm font-medium text-surface-foreground">{label}</legend>
      <ul className="flex flex-col gap-2">
        {value.map((item, index) => {
          const inputId = `${groupId}-${index}`;
          const itemError = errors[index];
          return (
            <li key={index} className="flex flex-col gap-1">
              <div className="flex items-center gap-2">
                <input
                  ref={index === 0 ? ref : undefined}
                  id={inputId}
                  type={inputType}
                  value={item}
                  disabled={disabled}
                  aria-label={labels.item(index + 1)}
                  aria-invalid={hasText(itemError) || undefined}
                  aria-describedby={hasText(itemError) ? `${inputId}-error` : undefined}
                  onChange={(event) => update(index, event.target.value)}
                  className={cn(controlClasses, 'h-10')}
                />
                <Button variant="ghost" size="sm" disabled={disabled} className="disabled:hidden" aria-label={labels.remove(index + 1, item)} onClick={() => onChange(value.filter((_, position) => position !== index))}>
                  <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
                    <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
                  </svg>
                </Button>
              </div>
              {hasText(itemError) ? (
                <p id={`${inputId}-error`} className="text-sm font-medium text-danger">
                  {itemError}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
      <div>
        <Button variant="secondary" size="sm" disabled={disabled} className="disabled:hidden" onClick={() => onChange([...value, ''])}>
          {labels.add}
        </Button>
      </div>
      <FieldNotes id={groupId} hint={hint} error={error} />
    </fieldset>
  );
}
