import { handle } from '@/lib/api/define';
import { listOrgUsersRoute } from '@/lib/api/routes/orgs';

export const dynamic = 'force-dynamic';
export const GET = handle(listOrgUsersRoute);
