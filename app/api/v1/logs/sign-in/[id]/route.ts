import { handle } from '@/lib/api/define';
import { getSignInLogRoute } from '@/lib/api/routes/logs';

export const dynamic = 'force-dynamic';
export const GET = handle(getSignInLogRoute);
