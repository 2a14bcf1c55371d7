import { auth } from '@/auth';

// A route handler that checks the session on the server: 401 without one.
export const GET = auth((request) => {
  if (!request.auth?.user) return Response.json({ error: 'unauthorized' }, { status: 401 });
  return Response.json({ user: request.auth.user, expires: request.auth.expires });
});
