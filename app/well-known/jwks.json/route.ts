import { jwksEndpoint, publicDocumentPreflight } from '@/lib/http/oauth-endpoints';

// Served at /.well-known/jwks.json through a rewrite in next.config.ts. The handlers live in
// lib/http/oauth-endpoints (shared with the fast front of npm run serve).
export const dynamic = 'force-dynamic';

export const GET = jwksEndpoint;
export const OPTIONS = publicDocumentPreflight;
