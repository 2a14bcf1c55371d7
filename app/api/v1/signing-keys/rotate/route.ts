import { handle } from '@/lib/api/define';
import { rotateSigningKeyRoute } from '@/lib/api/routes/signing-keys';

export const dynamic = 'force-dynamic';
export const POST = handle(rotateSigningKeyRoute);
