'use client';

import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type UseMutationResult,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { toast } from '@/components/ui/toast';
import { apiFetch, isApiError, type ApiError, type ApiRequest, type QueryValue } from './api-client';
import { apiQueryKey } from './query-key';

/**
 * A read of /api/v1 through TanStack Query. While the query changes (next page, new search),
 * the previous rows stay on screen (`isPlaceholderData`) instead of flashing a skeleton.
 */
export function useApiQuery<T>(
  path: string,
  query: Record<string, QueryValue> = {},
  options: Omit<UseQueryOptions<T, ApiError>, 'queryKey' | 'queryFn'> = {},
): UseQueryResult<T, ApiError> {
  return useQuery<T, ApiError>({
    queryKey: apiQueryKey(path, query),
    queryFn: ({ signal }) => apiFetch<T>(path, { query, signal }),
    placeholderData: keepPreviousData,
    ...options,
  });
}

export interface ApiMutationOptions<TData, TVars> {
  /** The call to make for the given variables. */
  request: (variables: TVars) => ApiRequest & { path: string };
  /** API paths whose queries to refresh after success (by prefix, see apiQueryKey). */
  invalidates?: readonly string[];
  /** Toast on success (already translated); none when omitted. */
  successMessage?: string | ((data: TData, variables: TVars) => string);
  /**
   * Toast on failure: by default (or when this returns undefined) the translated text of the API's
   * error code (admin.errors.<code>) or the API's message. Return null when the error was handled
   * in place (e.g. shown on form fields): no toast.
   */
  errorMessage?: (error: ApiError, variables: TVars) => string | null | undefined;
  onSuccess?: (data: TData, variables: TVars) => void | Promise<void>;
  onError?: (error: ApiError, variables: TVars) => void;
  /**
   * Shows the write's result before the server answers, for writes whose outcome is certain once
   * allowed (removing an item, flipping a flag): the cached answer of `path` with `query` becomes
   * `update(current, variables)` at once, goes back as it was if the write fails, and is read
   * again from the API either way.
   */
  optimistic?: OptimisticUpdate<TVars>;
}

export interface OptimisticUpdate<TVars> {
  path: string;
  query?: Record<string, QueryValue>;
  // The cached value is whatever that GET answers: each caller knows its shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  update: (current: any, variables: TVars) => unknown;
}

/** The translated message for an API error: admin.errors.<code> when the catalog has it, else the API's own message. */
export function useApiErrorMessage(): (error: ApiError) => string {
  const t = useTranslations('admin.errors');
  return (error) => (t.has(error.code as never) ? t(error.code as never) : error.message || t('unknown'));
}

/** A write to /api/v1: toasts the result and refreshes the queries it affects. */
export function useApiMutation<TData = unknown, TVars = void>(options: ApiMutationOptions<TData, TVars>): UseMutationResult<TData, ApiError, TVars> {
  const queryClient = useQueryClient();
  const describe = useApiErrorMessage();
  const optimistic = options.optimistic;
  const optimisticKey = optimistic ? apiQueryKey(optimistic.path, optimistic.query ?? {}) : null;
  return useMutation<TData, ApiError, TVars, { previous: unknown } | undefined>({
    mutationFn: (variables) => {
      const { path, ...request } = options.request(variables);
      return apiFetch<TData>(path, { method: 'POST', ...request });
    },
    onMutate: async (variables) => {
      if (!optimistic || !optimisticKey) return undefined;
      // A read in flight would land after the change and undo it on screen.
      await queryClient.cancelQueries({ queryKey: optimisticKey });
      const previous = queryClient.getQueryData(optimisticKey);
      if (previous !== undefined) queryClient.setQueryData(optimisticKey, optimistic.update(previous, variables));
      return { previous };
    },
    onSettled: async (_data, error, _variables, context) => {
      if (!optimisticKey) return;
      if (error && context?.previous !== undefined) queryClient.setQueryData(optimisticKey, context.previous);
      await queryClient.invalidateQueries({ queryKey: optimisticKey });
    },
    onSuccess: async (data, variables) => {
      await Promise.all((options.invalidates ?? []).map((path) => queryClient.invalidateQueries({ queryKey: apiQueryKey(path) })));
      const message = typeof options.successMessage === 'function' ? options.successMessage(data, variables) : options.successMessage;
      if (message) toast.success(message);
      await options.onSuccess?.(data, variables);
    },
    onError: (error, variables) => {
      // A 401 is already on its way to the sign-in page: no toast for it.
      if (!isApiError(error) || error.status !== 401) {
        const custom = options.errorMessage?.(error, variables);
        const message = custom === undefined ? describe(error) : custom;
        if (message) toast.error(message);
      }
      options.onError?.(error, variables);
    },
  });
}
