import { handle } from '@/lib/api/define';
import { deleteWebhookRoute, getWebhookRoute, updateWebhookRoute } from '@/lib/api/routes/webhooks';

export const dynamic = 'force-dynamic';
export const GET = handle(getWebhookRoute);
export const PUT = handle(updateWebhookRoute);
export const DELETE = handle(deleteWebhookRoute);
