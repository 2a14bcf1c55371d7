'use client';

import { useSyncExternalStore } from 'react';
import { cn } from '@/lib/ui/cn';
import { dismissToast, serverToastSnapshot, subscribeToasts, toastSnapshot, type ToastVariant } from './toast';

const variants: Record<ToastVariant, string> = {
  success: 'border-success-border bg-success-bg text-success-fg',
  error: 'border-error-border bg-error-bg text-error-fg',
  info: 'border-info-border bg-info-bg text-info-fg',
};

/**
 * Renders the toasts of components/ui/toast.ts. The two live regions exist from the first render
 * (a region inserted together with its text is often not announced): errors are assertive, the
 * rest polite. `dismissLabel` is the translated name of the close button.
 */
export function Toaster({ dismissLabel }: { dismissLabel: string }) {
  const items = useSyncExternalStore(subscribeToasts, toastSnapshot, serverToastSnapshot);
  const regions: { live: 'polite' | 'assertive'; role: 'status' | 'alert'; pick: (variant: ToastVariant) => boolean }[] = [
    { live: 'polite', role: 'status', pick: (variant) => variant !== 'error' },
    { live: 'assertive', role: 'alert', pick: (variant) => variant === 'error' },
  ];
  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:items-end">
      {regions.map((region) => (
        <div key={region.role} role={region.role} aria-live={region.live} data-testid={`toasts-${region.role}`} className="flex w-full max-w-sm flex-col gap-2">
          {items
            .filter((item) => region.pick(item.variant))
            .map((item) => (
              <div
                key={item.id}
                data-variant={item.variant}
                className={cn('pointer-events-auto flex items-start gap-3 rounded-control border px-3.5 py-3 text-sm shadow-md', variants[item.variant])}
              >
                <p className="min-w-0 flex-1">{item.message}</p>
                <button
                  type="button"
                  onClick={() => dismissToast(item.id)}
                  aria-label={dismissLabel}
                  className="-m-1 rounded-sm p-1 opacity-80 hover:opacity-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
                >
                  <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
                    <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
                  </svg>
                </button>
              </div>
            ))}
        </div>
      ))}
    </div>
  );
}
