import { after } from 'next/server';

/**
 * Runs `task` once the response is sent (next/server after(): the platform keeps the function
 * alive for it). Outside a request scope (route handlers called directly, scripts) after() throws;
 * then the task simply runs unawaited. The task must handle its own errors.
 */
export function afterResponse(task: () => Promise<void>): void {
  try {
    after(task);
  } catch {
    void task();
  }
}
