'use client';

import * as RadixDialog from '@radix-ui/react-dialog';
import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { cn } from '@/lib/ui/cn';

export interface DialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  /** Read with the title when the dialog opens (aria-describedby). */
  description?: ReactNode;
  /** Translated name of the ✕ button. */
  closeLabel: string;
  children: ReactNode;
  /** alertdialog for confirmations: it is announced as needing an answer. */
  role?: 'dialog' | 'alertdialog';
  className?: string;
}

/**
 * Modal dialog (Radix): focus moves in and is trapped, Escape and the ✕ close it, focus returns to
 * the element that opened it, the rest of the page is inert. Controlled: the caller owns `open`.
 */
export function Dialog({ open, onOpenChange, title, description, closeLabel, children, role = 'dialog', className }: DialogProps) {
  // Radix gives focus back to its Trigger only; these dialogs are opened by any button (a row's
  // Edit, a page's Create), so remember what had focus when it opened. A layout effect runs before
  // Radix moves focus into the dialog.
  const opener = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    if (open) opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  }, [open]);
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <RadixDialog.Content
          role={role}
          // Without a description Radix must be told so explicitly (else it warns and points at nothing).
          {...(description ? {} : { 'aria-describedby': undefined })}
          onCloseAutoFocus={(event) => {
            if (!opener.current?.isConnected) return;
            event.preventDefault();
            opener.current.focus();
          }}
          className={cn(
            'fixed top-1/2 left-1/2 z-50 flex max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 flex-col',
            'rounded-card border border-border bg-surface text-surface-foreground shadow-xl focus-visible:outline-none',
            className,
          )}
        >
          <div className="border-b border-border py-4 ps-5 pe-14">
            <RadixDialog.Title className="text-lg font-semibold tracking-tight">{title}</RadixDialog.Title>
            {description ? <RadixDialog.Description className="mt-1 text-sm text-muted-foreground">{description}</RadixDialog.Description> : null}
          </div>
          <div className="min-h-0 overflow-y-auto px-5 py-4">{children}</div>
          {/* After the content in DOM order, so that opening the dialog focuses its first field, not ✕. */}
          <RadixDialog.Close
            aria-label={closeLabel}
            className="absolute end-4 top-4 rounded-control p-1.5 text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5">
              <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
            </svg>
          </RadixDialog.Close>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/**
 * Row of buttons at the end of a dialog's content (cancel, then the main action). It sticks to the
 * bottom of the scrolling body, so a long form on a short (phone) screen keeps its buttons in view;
 * the negative margins and offset span the body's padding (px-5 / py-4 in Dialog), which sticky
 * positioning would otherwise leave as a strip of scrolling content under the buttons.
 */
export function DialogActions({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <div className={cn('sticky -bottom-4 z-10 -mx-5 -mb-4 mt-2 flex flex-col-reverse gap-2 border-t border-border bg-surface px-5 py-3 sm:flex-row sm:justify-end', className)}>
      {children}
    </div>
  );
}

/** Closes the dialog it is in (for a Cancel button). */
export const DialogClose = RadixDialog.Close;
