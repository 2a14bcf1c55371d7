import { handle } from '@/lib/api/define';
import { deleteScopeRoute, getScopeRoute, updateScopeRoute } from '@/lib/api/routes/scopes';

export const dynamic = 'force-dynamic';
export const GET = handle(getScopeRoute);
export const PUT = handle(updateScopeRoute);
export const DELETE = handle(deleteScopeRoute);
