import type { ReactNode } from 'react';
import { cookies } from 'next/headers';
import { config } from '@/lib/config';
import { isAppError } from '@/lib/errors';
import { requestCookieName } from '@/lib/identity/cookies';
import { ErrorView } from './ErrorView';
import { IdentityShell, type IdentityBranding } from './IdentityShell';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The request id from the URL and this browser's binding secret for it. */
export async function flowIdentity(searchParams: SearchParams) {
  const { request } = await searchParams;
  const requestId = typeof request === 'string' ? request : undefined;
  const bindingSecret = requestId ? (await cookies()).get(requestCookieName(requestId))?.value : undefined;
  return { requestId, bindingSecret };
}

export function deploymentBranding(): IdentityBranding {
  const { branding } = config();
  return {
    logoUrl: branding.companyLogoUrl || undefined,
    termsUrl: branding.termsLink || undefined,
    privacyUrl: branding.privacyPolicyLink || undefined,
  };
}

/**
 * Loads a hosted step's view model; a known failure (expired or foreign request, …) renders the
 * localized error page with its stable code instead of the step. Unknown errors propagate to the
 * error boundary and are never shown in detail.
 */
export async function withFlowErrors<T>(load: () => Promise<T>, render: (view: T) => ReactNode): Promise<ReactNode> {
  let view: T;
  try {
    view = await load();
  } catch (error) {
    if (!isAppError(error)) throw error;
    return (
      <IdentityShell branding={deploymentBranding()}>
        <ErrorView code={error.code} />
      </IdentityShell>
    );
  }
  return render(view);
}
