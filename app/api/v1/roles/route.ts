import { handle } from '@/lib/api/define';
import { createRoleRoute, listRolesRoute } from '@/lib/api/routes/roles';

export const dynamic = 'force-dynamic';
export const GET = handle(listRolesRoute);
export const POST = handle(createRoleRoute);
