import type { NextRequest } from 'next/server';
import { endsRequest } from '@/components/identity/error-codes';
import { config } from '@/lib/config';
import { passWithRememberedDevice } from '@/lib/mfa/flow-steps';
import { withQuery } from '@/lib/apps/redirect-uris';
import { runFlowHop } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/**
 * `?request=…`: an MFA step page found this browser's remembered device for the step's factor and
 * sent it here; the step is passed with it and the flow continues (303). A GET because it is a
 * redirect hop; it can only move this browser's own request (binding cookie) past a factor the
 * same browser remembers, so a cross-site link gains nothing.
 */
export function GET(request: NextRequest) {
  const base = `${config().authServerUrl}/identity/v1`;
  return runFlowHop(
    request,
    (context) => passWithRememberedDevice(context),
    (code, requestId) => (endsRequest(code) ? withQuery(`${base}/auth-code-expired`, { request: requestId }) : withQuery(`${base}/error`, { code })),
  );
}
