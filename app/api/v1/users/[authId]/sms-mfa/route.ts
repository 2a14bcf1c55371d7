import { handle } from '@/lib/api/define';
import { enrollSmsMfaRoute, removeSmsMfaRoute } from '@/lib/api/routes/user-account';

export const dynamic = 'force-dynamic';
export const POST = handle(enrollSmsMfaRoute);
export const DELETE = handle(removeSmsMfaRoute);
