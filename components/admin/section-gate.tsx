import type { ReactElement } from 'react';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { consolePageSession } from '@/lib/admin/page-session';
import { canSeeSection, type AdminSectionId } from '@/lib/admin/sections';
import type { AdminSessionView } from '@/lib/admin/session';
import { ADMIN_HOME_PATH, ADMIN_LOGIN_PATH, SIGNED_OUT_STATE } from '@/lib/admin/sign-in';
import { PATH_HEADER } from '@/lib/config/locales';
import { AdminBounce } from './AdminBounce';
import { NoAccessView, SectionDeniedView, SignedOutView } from './AccessViews';

export type SectionGate = { session: AdminSessionView; view?: undefined } | { view: ReactElement; session?: undefined };

/** The page's own URL (path + query) from proxy.ts, kept inside the dashboard. */
async function currentPath(): Promise<URL> {
  const path = (await headers()).get(PATH_HEADER);
  const url = new URL(path && path.startsWith('/') && !path.startsWith('//') ? path : ADMIN_HOME_PATH, 'http://localhost');
  url.searchParams.delete('_rsc');
  return url;
}

/**
 * The first line of every console page: `const gate = await requireSection('scopes'); if (gate.view) return gate.view;`
 * It resolves the admin session (once per request, shared with the layout) and decides, on the
 * server, what the page may show:
 * - no session → the sign-in, coming back to this page (or the signed-out page after logout);
 * - a cross-site navigation without the SameSite=Strict cookie → one same-site bounce;
 * - no admin right at all → the "no access" page;
 * - rights that do not include this section → "no access to this section" inside the console.
 * Pages check for themselves because a layout is not rendered again on client-side navigation.
 */
export async function requireSection(id: AdminSectionId): Promise<SectionGate> {
  const page = await consolePageSession();
  const url = await currentPath();
  if (page.kind === 'bounce') return { view: <AdminBounce href={url.pathname + url.search} /> };
  if (page.kind === 'none') {
    if (url.pathname === ADMIN_HOME_PATH && url.searchParams.get('state') === SIGNED_OUT_STATE) return { view: <SignedOutView /> };
    redirect(`${ADMIN_LOGIN_PATH}?${new URLSearchParams({ returnTo: url.pathname + url.search })}`);
  }
  const { session } = page;
  if (!session.scopes.length) return { view: <NoAccessView session={session} /> };
  if (!canSeeSection(session.scopes, id)) return { view: <SectionDeniedView /> };
  return { session };
}
