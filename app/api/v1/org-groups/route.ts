import { handle } from '@/lib/api/define';
import { createOrgGroupRoute, listOrgGroupsRoute } from '@/lib/api/routes/org-groups';

export const dynamic = 'force-dynamic';
export const GET = handle(listOrgGroupsRoute);
export const POST = handle(createOrgGroupRoute);
