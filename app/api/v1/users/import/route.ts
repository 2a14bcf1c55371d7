import { handle } from '@/lib/api/define';
import { importUsersRoute } from '@/lib/api/routes/users';

export const dynamic = 'force-dynamic';
export const POST = handle(importUsersRoute);
