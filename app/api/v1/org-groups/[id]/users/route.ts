import { handle } from '@/lib/api/define';
import { listOrgGroupUsersRoute } from '@/lib/api/routes/org-groups';

export const dynamic = 'force-dynamic';
export const GET = handle(listOrgGroupUsersRoute);
