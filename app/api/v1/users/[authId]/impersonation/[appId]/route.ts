import { handle } from '@/lib/api/define';
import { impersonateUserRoute } from '@/lib/api/routes/user-account';

export const dynamic = 'force-dynamic';
export const POST = handle(impersonateUserRoute);
