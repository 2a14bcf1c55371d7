import { handle } from '@/lib/api/define';
import { getSmsLogRoute } from '@/lib/api/routes/logs';

export const dynamic = 'force-dynamic';
export const GET = handle(getSmsLogRoute);
