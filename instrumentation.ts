// Runs once when the Next.js server starts: a bad environment variable stops the server with a
// message naming it, instead of failing on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { config } = await import('@/lib/config');
  config();
}
