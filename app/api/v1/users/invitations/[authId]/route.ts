import { handle } from '@/lib/api/define';
import { resendInvitationRoute, revokeInvitationRoute } from '@/lib/api/routes/user-invitations';

export const dynamic = 'force-dynamic';
export const POST = handle(resendInvitationRoute);
export const DELETE = handle(revokeInvitationRoute);
