import { handle } from '@/lib/api/define';
import { deletePasskeyRoute } from '@/lib/api/routes/user-account';

export const dynamic = 'force-dynamic';
export const DELETE = handle(deletePasskeyRoute);
