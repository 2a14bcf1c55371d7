import type { ReactNode } from 'react';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { config } from '@/lib/config';
import { isAppError } from '@/lib/errors';
import { brandingForOrgSlug } from '@/lib/orgs/hosted-branding';
import { hostedContext } from '@/lib/sign-in/hosted';
import { endsRequest } from './error-codes';
import { ErrorView } from './ErrorView';
import { IdentityShell, type IdentityBranding, type IdentityShellProps } from './IdentityShell';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The request id from the URL and the flow context of this browser for it (lib/sign-in/hosted.ts). */
export async function flowIdentity(searchParams: SearchParams) {
  const { request } = await searchParams;
  const requestId = typeof request === 'string' ? request : undefined;
  const context = hostedContext({ cookies: await cookies(), headers: await headers() }, requestId);
  return { requestId, context };
}

export function deploymentBranding(): IdentityBranding {
  const { branding } = config();
  return {
    logoUrl: branding.companyLogoUrl || undefined,
    termsUrl: branding.termsLink || undefined,
    privacyUrl: branding.privacyPolicyLink || undefined,
  };
}

/** The deployment's branding with the overrides of the request's org (`org` parameter, ENABLE_ORG). */
export async function requestBranding(orgSlug: string | null | undefined): Promise<IdentityBranding> {
  const { page } = await brandingForOrgSlug(orgSlug);
  return { ...deploymentBranding(), ...page };
}

/** IdentityShell branded for a request's org (requestBranding). Server Component. */
export async function RequestShell({ orgSlug, ...props }: Omit<IdentityShellProps, 'branding'> & { orgSlug: string | null | undefined }) {
  return <IdentityShell {...props} branding={await requestBranding(orgSlug)} />;
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
    // Melody's auth_code_expired view: start again (pages that know the request use expiredToPage,
    // whose link also leads back to the app).
    if (endsRequest(error.code)) redirect('/identity/v1/auth-code-expired');
    return (
      <IdentityShell branding={deploymentBranding()}>
        <ErrorView code={error.code} />
      </IdentityShell>
    );
  }
  return render(view);
}
