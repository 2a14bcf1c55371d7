import { handle } from '@/lib/api/define';
import { listOrgAllUsersRoute } from '@/lib/api/routes/orgs';

export const dynamic = 'force-dynamic';
export const GET = handle(listOrgAllUsersRoute);
