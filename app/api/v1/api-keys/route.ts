import { handle } from '@/lib/api/define';
import { createApiKeyRoute, listApiKeysRoute } from '@/lib/api/routes/api-keys';

export const dynamic = 'force-dynamic';
export const GET = handle(listApiKeysRoute);
export const POST = handle(createApiKeyRoute);
