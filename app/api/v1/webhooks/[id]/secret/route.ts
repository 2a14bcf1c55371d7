import { handle } from '@/lib/api/define';
import { rotateWebhookSecretRoute } from '@/lib/api/routes/webhooks';

export const dynamic = 'force-dynamic';
export const POST = handle(rotateWebhookSecretRoute);
