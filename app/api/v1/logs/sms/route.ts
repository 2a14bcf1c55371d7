import { handle } from '@/lib/api/define';
import { deleteSmsLogsRoute, listSmsLogsRoute } from '@/lib/api/routes/logs';

export const dynamic = 'force-dynamic';
export const GET = handle(listSmsLogsRoute);
export const DELETE = handle(deleteSmsLogsRoute);
