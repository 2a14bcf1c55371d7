'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { setNonce } from 'get-nonce';
import { Toaster } from '@/components/ui/Toaster';
import { hasScope } from '@/lib/access/scopes';
import { isApiError } from './api-client';

export interface AdminViewer {
  userId: string;
  email: string | null;
  name: string;
  /** The session's API scopes (root for super_admin), as the server resolved them for this page. */
  scopes: string[];
}

const ViewerContext = createContext<AdminViewer | null>(null);

/** The signed-in admin, for client islands under the console layout. */
export function useAdminViewer(): AdminViewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useAdminViewer must be used under <AdminProviders>');
  return viewer;
}

/**
 * Whether the signed-in admin holds a right, e.g. `useCan('write_scope')`: hides write buttons
 * the API would refuse. Display only; the API checks every call again.
 */
export function useCan(scope: string): boolean {
  return hasScope(useAdminViewer().scopes, scope);
}

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx will not change by asking again (and a 401 already leaves for the sign-in).
        retry: (failures, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && failures < 2,
      },
      mutations: { retry: false },
    },
  });
}

/** Client-side context of every console page: the query client, the viewer, and the toasts. */
export function AdminProviders({ viewer, styleNonce, children }: { viewer: AdminViewer; styleNonce: string | null; children: ReactNode }) {
  // Radix dialogs lock page scrolling with an injected <style> element (react-remove-scroll); the
  // CSP admits only style elements carrying this response's nonce.
  if (styleNonce) setNonce(styleNonce);
  const [queryClient] = useState(makeQueryClient);
  const t = useTranslations('admin.common');
  return (
    <QueryClientProvider client={queryClient}>
      <ViewerContext.Provider value={viewer}>
        {children}
        <Toaster dismissLabel={t('dismiss')} />
      </ViewerContext.Provider>
    </QueryClientProvider>
  );
}
