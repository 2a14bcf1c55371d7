import { handle } from '@/lib/api/define';
import { redeliverRoute } from '@/lib/api/routes/webhooks';

export const dynamic = 'force-dynamic';
export const POST = handle(redeliverRoute);
