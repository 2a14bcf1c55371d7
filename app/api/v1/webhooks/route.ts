import { handle } from '@/lib/api/define';
import { createWebhookRoute, listWebhooksRoute } from '@/lib/api/routes/webhooks';

export const dynamic = 'force-dynamic';
export const GET = handle(listWebhooksRoute);
export const POST = handle(createWebhookRoute);
