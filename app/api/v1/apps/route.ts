import { handle } from '@/lib/api/define';
import { createAppRoute, listAppsRoute } from '@/lib/api/routes/apps';

export const dynamic = 'force-dynamic';
export const GET = handle(listAppsRoute);
export const POST = handle(createAppRoute);
