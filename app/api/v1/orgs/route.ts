import { handle } from '@/lib/api/define';
import { createOrgRoute, listOrgsRoute } from '@/lib/api/routes/orgs';

export const dynamic = 'force-dynamic';
export const GET = handle(listOrgsRoute);
export const POST = handle(createOrgRoute);
