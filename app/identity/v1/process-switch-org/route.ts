import type { NextRequest } from 'next/server';
import { chooseOrgInput, chooseSwitchOrg } from '@/lib/identity/policies/orgs';
import { runFlowAction } from '@/lib/sign-in/hosted';

export const dynamic = 'force-dynamic';

/** POST /identity/v1/process-switch-org `{ requestId, org }` (Melody's name): the org choice after sign-in. */
export async function POST(request: NextRequest) {
  return runFlowAction(request, chooseOrgInput, chooseSwitchOrg);
}
