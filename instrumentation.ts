// Runs once when the Next.js server starts: a bad environment variable stops the server with a
// message naming it, instead of failing on the first request; then the periodic jobs start
// (lib/jobs: the cleanup every CLEANUP_INTERVAL seconds; 0, the default on Vercel, starts none).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { config } = await import('@/lib/config');
  config();
  const { startServerJobs } = await import('@/lib/jobs');
  startServerJobs();
}
