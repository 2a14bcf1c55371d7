import { handle } from '@/lib/api/define';
import { getUserRoute, updateUserRoute, deleteUserRoute } from '@/lib/api/routes/users';

export const dynamic = 'force-dynamic';
export const GET = handle(getUserRoute);
export const PUT = handle(updateUserRoute);
export const DELETE = handle(deleteUserRoute);
