import { handle } from '@/lib/api/define';
import { deleteActiveSessionRoute } from '@/lib/api/routes/user-account';

export const dynamic = 'force-dynamic';
export const DELETE = handle(deleteActiveSessionRoute);
