'use client';

import { useMutation, useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import { toast } from '@/components/ui/toast';
import { apiFetch, type ApiError, type ApiRequest } from './api-client';
import { useApiErrorMessage } from './query';
import { apiQueryKey } from './query-key';

export interface BulkResult<T> {
  done: T[];
  failed: { item: T; error: ApiError }[];
}

export interface BulkMutationOptions<T> {
  /** The call for one selected item. */
  request: (item: T) => ApiRequest & { path: string };
  invalidates?: readonly string[];
  /** Toast after the run, when at least one call succeeded. */
  successMessage: (done: number) => string;
  /** Toast when some calls failed: how many, and the first failure's translated text. */
  failureMessage: (failed: number, firstError: string) => string;
  onSettled?: (result: BulkResult<T>) => void;
}

/**
 * One action on several selected rows (activate, deactivate, delete …). The API has no bulk
 * endpoint, so each item is its own call, made one after another (every call is audited and
 * permission-checked on its own; a failure stops nothing). One toast sums the run up.
 */
export function useBulkMutation<T>(options: BulkMutationOptions<T>): UseMutationResult<BulkResult<T>, ApiError, readonly T[]> {
  const queryClient = useQueryClient();
  const describe = useApiErrorMessage();
  return useMutation<BulkResult<T>, ApiError, readonly T[]>({
    mutationFn: async (items) => {
      const result: BulkResult<T> = { done: [], failed: [] };
      for (const item of items) {
        const { path, ...request } = options.request(item);
        try {
          await apiFetch(path, { method: 'POST', ...request });
          result.done.push(item);
        } catch (error) {
          result.failed.push({ item, error: error as ApiError });
        }
      }
      return result;
    },
    onSuccess: async (result) => {
      await Promise.all((options.invalidates ?? []).map((path) => queryClient.invalidateQueries({ queryKey: apiQueryKey(path) })));
      if (result.done.length) toast.success(options.successMessage(result.done.length));
      const first = result.failed[0];
      if (first) toast.error(options.failureMessage(result.failed.length, describe(first.error)));
      options.onSettled?.(result);
    },
  });
}
