import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False during server rendering and hydration, true once React owns the DOM. Submit buttons stay
 * disabled until then, so a form cannot be natively submitted before its JSON handler is attached
 * (a disabled default button also blocks implicit submission with Enter).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
