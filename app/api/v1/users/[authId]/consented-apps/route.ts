import { handle } from '@/lib/api/define';
import { listConsentedAppsRoute } from '@/lib/api/routes/user-account';

export const dynamic = 'force-dynamic';
export const GET = handle(listConsentedAppsRoute);
