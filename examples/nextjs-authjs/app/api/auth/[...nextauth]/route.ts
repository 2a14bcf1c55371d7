import { handlers } from '@/auth';

// Auth.js's endpoints: /api/auth/signin, /api/auth/callback/tessera (the redirect URI), …
export const { GET, POST } = handlers;
