import { handle } from '@/lib/api/define';
import { deleteOrgRoute, getOrgRoute, updateOrgRoute } from '@/lib/api/routes/orgs';

export const dynamic = 'force-dynamic';
export const GET = handle(getOrgRoute);
export const PUT = handle(updateOrgRoute);
export const DELETE = handle(deleteOrgRoute);
