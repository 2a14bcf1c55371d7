import { handle } from '@/lib/api/define';
import { deleteUserAttributeRoute, getUserAttributeRoute, updateUserAttributeRoute } from '@/lib/api/routes/user-attributes';

export const dynamic = 'force-dynamic';
export const GET = handle(getUserAttributeRoute);
export const PUT = handle(updateUserAttributeRoute);
export const DELETE = handle(deleteUserAttributeRoute);
