import { introspectionEndpoint } from '@/lib/http/oauth-endpoints';

// The handler lives in lib/http/oauth-endpoints (shared with the fast front of npm run serve).
export const dynamic = 'force-dynamic';

export const POST = introspectionEndpoint;
