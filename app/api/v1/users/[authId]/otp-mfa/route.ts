import { handle } from '@/lib/api/define';
import { enrollOtpMfaRoute, removeOtpMfaRoute } from '@/lib/api/routes/user-account';

export const dynamic = 'force-dynamic';
export const POST = handle(enrollOtpMfaRoute);
export const DELETE = handle(removeOtpMfaRoute);
