import { handle } from '@/lib/api/define';
import { regenerateAppSecretRoute } from '@/lib/api/routes/apps';

export const dynamic = 'force-dynamic';
export const POST = handle(regenerateAppSecretRoute);
