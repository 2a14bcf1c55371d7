import { handle } from '@/lib/api/define';
import { getStatsRoute } from '@/lib/api/routes/stats';

export const dynamic = 'force-dynamic';
export const GET = handle(getStatsRoute);
