import { revocationEndpoint, revocationPreflight } from '@/lib/http/oauth-endpoints';

// The handlers live in lib/http/oauth-endpoints (shared with the fast front of npm run serve).
export const dynamic = 'force-dynamic';

export const POST = revocationEndpoint;
export const OPTIONS = revocationPreflight;
