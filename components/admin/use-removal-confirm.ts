'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * The confirm dialog of a removal that shows at once (useApiMutation's `optimistic`): the item
 * waiting in the dialog, the dialog closing as soon as that item leaves `items`, and the focus then
 * moving to `focusTarget` (attach it to the list's heading, with tabIndex -1). The dialog would give
 * the focus back to the item's own button, which is gone with the item. If the write fails, the
 * item comes back and the focus stays on the heading.
 */
export function useRemovalConfirm<T, E extends HTMLElement = HTMLHeadingElement>(items: readonly T[] | undefined, key: (item: T) => string) {
  const [pending, setPending] = useState<T | null>(null);
  const [refocus, setRefocus] = useState(0);
  const focusTarget = useRef<E>(null);
  // Adjusted while rendering, so the row and the dialog leave the screen in the same commit.
  if (pending !== null && items && !items.some((item) => key(item) === key(pending))) {
    setPending(null);
    setRefocus((count) => count + 1);
  }
  useEffect(() => {
    if (refocus === 0) return;
    // The dialog's focus trap is released by now (effect cleanups run before effects).
    focusTarget.current?.focus();
  }, [refocus]);
  return { pending, ask: setPending, clear: () => setPending(null), focusTarget };
}
