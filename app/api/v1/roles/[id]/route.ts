import { handle } from '@/lib/api/define';
import { deleteRoleRoute, getRoleRoute, updateRoleRoute } from '@/lib/api/routes/roles';

export const dynamic = 'force-dynamic';
export const GET = handle(getRoleRoute);
export const PUT = handle(updateRoleRoute);
export const DELETE = handle(deleteRoleRoute);
