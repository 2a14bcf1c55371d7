import type { NextRequest } from 'next/server';
import { runFlowAction } from '@/lib/http/flow-action';
import { chooseOrg, chooseOrgInput } from '@/lib/identity/policies/orgs';

export const dynamic = 'force-dynamic';

/** POST /identity/v1/process-switch-org `{ requestId, org }` (Melody's name): the org choice after sign-in. */
export async function POST(request: NextRequest) {
  return runFlowAction(request, chooseOrgInput, (context, input) => chooseOrg(context, 'switch_org', input));
}
