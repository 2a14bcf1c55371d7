import { handle } from '@/lib/api/define';
import { getEmailLogRoute } from '@/lib/api/routes/logs';

export const dynamic = 'force-dynamic';
export const GET = handle(getEmailLogRoute);
