import { handle } from '@/lib/api/define';
import { enrollEmailMfaRoute, removeEmailMfaRoute } from '@/lib/api/routes/user-account';

export const dynamic = 'force-dynamic';
export const POST = handle(enrollEmailMfaRoute);
export const DELETE = handle(removeEmailMfaRoute);
