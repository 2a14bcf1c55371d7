import { handle } from '@/lib/api/define';
import { listRoleUsersRoute } from '@/lib/api/routes/roles';

export const dynamic = 'force-dynamic';
export const GET = handle(listRoleUsersRoute);
