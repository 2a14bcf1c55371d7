import { handle } from '@/lib/api/define';
import { revokeApiKeyRoute } from '@/lib/api/routes/api-keys';

export const dynamic = 'force-dynamic';
export const POST = handle(revokeApiKeyRoute);
