import { handle } from '@/lib/api/define';
import { deleteOrgGroupRoute, updateOrgGroupRoute } from '@/lib/api/routes/org-groups';

export const dynamic = 'force-dynamic';
export const PUT = handle(updateOrgGroupRoute);
export const DELETE = handle(deleteOrgGroupRoute);
