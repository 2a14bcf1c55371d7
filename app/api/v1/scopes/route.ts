import { handle } from '@/lib/api/define';
import { createScopeRoute, listScopesRoute } from '@/lib/api/routes/scopes';

export const dynamic = 'force-dynamic';
export const GET = handle(listScopesRoute);
export const POST = handle(createScopeRoute);
