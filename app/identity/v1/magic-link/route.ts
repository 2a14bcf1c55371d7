import type { NextRequest } from 'next/server';
import { endsRequest } from '@/components/identity/error-codes';
import { config } from '@/lib/config';
import { completeMagicLink } from '@/lib/identity/passwordless';
import { withQuery } from '@/lib/apps/redirect-uris';
import { runFlowHop } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/**
 * The passwordless email's link (USE_PASSWORDLESS_AS_MAGIC_LINK): `?request=…&token=…`. In the
 * browser that started the request (binding cookie, sent on this top-level navigation as it is
 * SameSite=Lax), signs in and continues the flow (303 to the next step or the app). Anywhere else,
 * or when the link is used up, a page explains — and nothing is consumed for another browser.
 */
export function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const locale = params.get('locale') ?? undefined;
  const base = `${config().authServerUrl}/identity/v1`;
  return runFlowHop(
    request,
    (context) => completeMagicLink(context, params.get('token') ?? ''),
    (code, requestId) =>
      endsRequest(code)
        ? withQuery(`${base}/auth-code-expired`, { request: requestId, locale })
        : withQuery(`${base}/error`, { code: code === 'magic_link_other_browser' || code === 'too_many_requests' ? code : 'magic_link_invalid', locale }),
  );
}
