import { discoveryEndpoint, publicDocumentPreflight } from '@/lib/http/oauth-endpoints';

// Served at /.well-known/openid-configuration through a rewrite in next.config.ts (the App Router
// does not route dot-folders). The handlers live in lib/http/oauth-endpoints (shared with the fast front
// of npm run serve).
export const dynamic = 'force-dynamic';

export const GET = discoveryEndpoint;
export const OPTIONS = publicDocumentPreflight;
