/**
 * A tiny toast store (no library): `toast.success(text)` / `toast.error(text)` from anywhere in a
 * client island; <Toaster /> renders them in live regions. Each toast closes itself after a while
 * (errors stay longer) and can be dismissed.
 */

export type ToastVariant = 'success' | 'error' | 'info';

export interface ToastItem {
  id: number;
  variant: ToastVariant;
  message: string;
}

const DURATION_MS: Record<ToastVariant, number> = { success: 5_000, info: 5_000, error: 10_000 };
const MAX_VISIBLE = 4;

let items: ToastItem[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

export function dismissToast(id: number): void {
  items = items.filter((item) => item.id !== id);
  emit();
}

function push(variant: ToastVariant, message: string): number {
  const id = nextId++;
  items = [...items, { id, variant, message }].slice(-MAX_VISIBLE);
  emit();
  setTimeout(() => dismissToast(id), DURATION_MS[variant]);
  return id;
}

export const toast = {
  success: (message: string) => push('success', message),
  error: (message: string) => push('error', message),
  info: (message: string) => push('info', message),
};

export function subscribeToasts(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function toastSnapshot(): ToastItem[] {
  return items;
}

const EMPTY: ToastItem[] = [];
export function serverToastSnapshot(): ToastItem[] {
  return EMPTY;
}
