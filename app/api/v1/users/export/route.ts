import { handle } from '@/lib/api/define';
import { exportUsersRoute } from '@/lib/api/routes/users';

export const dynamic = 'force-dynamic';
export const GET = handle(exportUsersRoute);
