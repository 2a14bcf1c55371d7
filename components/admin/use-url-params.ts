'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback } from 'react';

/**
 * Edits the page's query string in place. Views keep their filters, tabs and paging in the URL so
 * they can be bookmarked; router.replace adds no history entry per keystroke or page and keeps the
 * scroll position. `change` edits a copy of the current parameters, or of none with `{ fresh: true }`.
 */
export function useReplaceSearchParams(): (change: (params: URLSearchParams) => void, options?: { fresh?: boolean }) => void {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  return useCallback(
    (change, options) => {
      const params = new URLSearchParams(options?.fresh ? '' : searchParams.toString());
      change(params);
      const query = params.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [router, pathname, searchParams],
  );
}

/**
 * One of `choices` kept in the URL as ?name=value, absent while it is the first (the default), so
 * the plain URL stays plain. With `fresh`, a new choice drops every other parameter (a new tab's
 * list starts on its first page, without the previous list's filters).
 */
export function useUrlChoice<T extends string>(name: string, choices: readonly T[], options: { fresh?: boolean } = {}): [T, (next: string) => void] {
  const searchParams = useSearchParams();
  const replace = useReplaceSearchParams();
  const requested = searchParams.get(name);
  const value = choices.find((choice) => choice === requested) ?? choices[0];
  const select = (next: string) =>
    replace(
      (params) => {
        if (next === choices[0]) params.delete(name);
        else params.set(name, next);
      },
      { fresh: options.fresh },
    );
  return [value, select];
}
