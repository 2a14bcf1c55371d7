import { handle } from '@/lib/api/define';
import { addUserToOrgGroupRoute, removeUserFromOrgGroupRoute } from '@/lib/api/routes/user-orgs';

export const dynamic = 'force-dynamic';
export const POST = handle(addUserToOrgGroupRoute);
export const DELETE = handle(removeUserFromOrgGroupRoute);
