import { handle } from '@/lib/api/define';
import { listUsersRoute, createUserRoute } from '@/lib/api/routes/users';

export const dynamic = 'force-dynamic';
export const GET = handle(listUsersRoute);
export const POST = handle(createUserRoute);
