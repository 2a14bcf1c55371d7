import { handle } from '@/lib/api/define';
import { sendTestEventRoute } from '@/lib/api/routes/webhooks';

export const dynamic = 'force-dynamic';
export const POST = handle(sendTestEventRoute);
