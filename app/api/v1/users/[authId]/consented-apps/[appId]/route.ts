import { handle } from '@/lib/api/define';
import { deleteConsentedAppRoute } from '@/lib/api/routes/user-account';

export const dynamic = 'force-dynamic';
export const DELETE = handle(deleteConsentedAppRoute);
