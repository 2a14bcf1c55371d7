import { handle } from '@/lib/api/define';
import { deleteSignInLogsRoute, listSignInLogsRoute } from '@/lib/api/routes/logs';

export const dynamic = 'force-dynamic';
export const GET = handle(listSignInLogsRoute);
export const DELETE = handle(deleteSignInLogsRoute);
