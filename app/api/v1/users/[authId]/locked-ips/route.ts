import { handle } from '@/lib/api/define';
import { getLockedIpsRoute, deleteLockedIpsRoute } from '@/lib/api/routes/user-account';

export const dynamic = 'force-dynamic';
export const GET = handle(getLockedIpsRoute);
export const DELETE = handle(deleteLockedIpsRoute);
