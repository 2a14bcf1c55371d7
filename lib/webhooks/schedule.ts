// How the events job runs (lib/jobs PERIODIC_JOBS.events): every second inside a Node server
// (EVENT_DISPATCH=process; endpoint leases keep instances apart), or from Vercel Cron
// (EVENT_DISPATCH=cron: GET /api/cron/events with CRON_SECRET, vercel.json), where one call works
// until nothing is due or its time budget is spent.
import { dispatchOnce, type DispatchResult } from './dispatcher';

/** Dispatch until nothing is published or attempted, or `budgetMs` is spent (the rest waits for the next run). */
export async function dispatchForCron(budgetMs = 50_000): Promise<DispatchResult> {
  const started = Date.now();
  const total: DispatchResult = { published: 0, attempted: 0 };
  for (;;) {
    const result = await dispatchOnce();
    total.published += result.published;
    total.attempted += result.attempted;
    if ((result.published === 0 && result.attempted === 0) || Date.now() - started > budgetMs) return total;
  }
}
