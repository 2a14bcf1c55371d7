import { handle } from '@/lib/api/define';
import { deleteEmailLogsRoute, listEmailLogsRoute } from '@/lib/api/routes/logs';

export const dynamic = 'force-dynamic';
export const GET = handle(listEmailLogsRoute);
export const DELETE = handle(deleteEmailLogsRoute);
