import { handle } from '@/lib/api/define';
import { getAuditEventRoute } from '@/lib/api/routes/audit-events';

export const dynamic = 'force-dynamic';
export const GET = handle(getAuditEventRoute);
