import { handle } from '@/lib/api/define';
import { listPasskeysRoute } from '@/lib/api/routes/user-account';

export const dynamic = 'force-dynamic';
export const GET = handle(listPasskeysRoute);
