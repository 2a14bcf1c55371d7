import { handle } from '@/lib/api/define';
import { listSigningKeysRoute } from '@/lib/api/routes/signing-keys';

export const dynamic = 'force-dynamic';
export const GET = handle(listSigningKeysRoute);
