import { handle } from '@/lib/api/define';
import { inviteUserRoute } from '@/lib/api/routes/user-invitations';

export const dynamic = 'force-dynamic';
export const POST = handle(inviteUserRoute);
