import { cache } from 'react';
import { cookies, headers } from 'next/headers';
import { adminSessionCookieName } from './cookies';
import { findAdminSession, type AdminSessionView } from './session';

export type AdminPageSession =
  | { kind: 'session'; session: AdminSessionView }
  /**
   * No cookie on a navigation that started on another site: a SameSite=Strict cookie is withheld
   * there, so the page re-navigates once from itself (same-site) before concluding there is no
   * session; otherwise every link into the dashboard from elsewhere would sign in anew.
   */
  | { kind: 'bounce' }
  | { kind: 'none' };

/** The admin session of a dashboard page request (recorded as activity), or what to do without one. */
export async function adminPageSession(): Promise<AdminPageSession> {
  const token = (await cookies()).get(adminSessionCookieName())?.value;
  const session = await findAdminSession(token, { touch: true });
  if (session) return { kind: 'session', session };
  if (!token && (await headers()).get('sec-fetch-site') === 'cross-site') return { kind: 'bounce' };
  return { kind: 'none' };
}

/**
 * adminPageSession once per request: the console layout and its page both ask (a layout is not
 * rendered again on client-side navigation, so every page checks for itself).
 */
export const consolePageSession = cache(adminPageSession);
