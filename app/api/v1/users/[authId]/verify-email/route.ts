import { handle } from '@/lib/api/define';
import { verifyEmailRoute } from '@/lib/api/routes/user-account';

export const dynamic = 'force-dynamic';
export const POST = handle(verifyEmailRoute);
