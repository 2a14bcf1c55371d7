import { handle } from '@/lib/api/define';
import { deleteAppRoute, getAppRoute, updateAppRoute } from '@/lib/api/routes/apps';

export const dynamic = 'force-dynamic';
export const GET = handle(getAppRoute);
export const PUT = handle(updateAppRoute);
export const DELETE = handle(deleteAppRoute);
