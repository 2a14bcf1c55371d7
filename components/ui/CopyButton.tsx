'use client';

import { useEffect, useState } from 'react';
import { Button, type ButtonProps } from './Button';

export interface CopyButtonProps extends Omit<ButtonProps, 'onClick' | 'children'> {
  value: string;
  label: string;
  /** Text shown (and announced) for a moment after copying. */
  copiedLabel: string;
}

/** Copies `value` to the clipboard; the label changes to `copiedLabel` in a live region for two seconds. */
export function CopyButton({ value, label, copiedLabel, variant = 'secondary', size = 'sm', ...props }: CopyButtonProps) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2_000);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <Button
      variant={variant}
      size={size}
      onClick={async () => {
        await navigator.clipboard.writeText(value);
        setCopied(true);
      }}
      {...props}
    >
      <span aria-live="polite">{copied ? copiedLabel : label}</span>
    </Button>
  );
}
