import { handle } from '@/lib/api/define';
import { listEventTypesRoute } from '@/lib/api/routes/webhooks';

export const dynamic = 'force-dynamic';
export const GET = handle(listEventTypesRoute);
