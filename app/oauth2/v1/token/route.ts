import { tokenEndpoint, tokenPreflight } from '@/lib/http/oauth-endpoints';

// The handlers live in lib/http/oauth-endpoints (shared with the fast front of npm run serve).
export const dynamic = 'force-dynamic';

export const POST = tokenEndpoint;
export const OPTIONS = tokenPreflight;
