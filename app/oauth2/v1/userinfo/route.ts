import { userinfoEndpoint, userinfoPreflight } from '@/lib/http/oauth-endpoints';

// The handlers live in lib/http/oauth-endpoints (shared with the fast front of npm run serve).
export const dynamic = 'force-dynamic';

export const GET = userinfoEndpoint;
export const POST = userinfoEndpoint;
export const OPTIONS = userinfoPreflight;
