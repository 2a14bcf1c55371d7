import { handle } from '@/lib/api/define';
import { getApiKeyRoute } from '@/lib/api/routes/api-keys';

export const dynamic = 'force-dynamic';
export const GET = handle(getApiKeyRoute);
