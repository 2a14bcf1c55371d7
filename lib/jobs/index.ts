// Periodic jobs: work that runs on a schedule rather than per request. Each job runs three ways:
//   - `npm run cli -- <job>` (operators, cron on a bare host);
//   - GET /api/cron/<job> with `Authorization: Bearer $CRON_SECRET` (Vercel Cron: vercel.json);
//   - inside a long-running Node server, every intervalSeconds() (0: off), started by
//     instrumentation.ts. Several instances may each run a job: every job must be safe to run
//     concurrently (the cleanup deletes in batches with SKIP LOCKED).
// A capability adds its job to PERIODIC_JOBS (and, for Vercel, a line to vercel.json's crons).
import { config } from '@/lib/config';
import { runCleanup, type CleanupReport } from '@/lib/cleanup';
import { dispatchForCron } from '@/lib/webhooks/schedule';

export interface PeriodicJob<Result = unknown> {
  name: string;
  /** Seconds between runs inside a Node server; 0 = not scheduled in-process. */
  intervalSeconds: () => number;
  run: () => Promise<Result>;
  /** Log only failures: for jobs that run every few seconds (the events dispatcher). */
  quiet?: boolean;
}

export const PERIODIC_JOBS: Record<string, PeriodicJob> = {
  cleanup: {
    name: 'cleanup',
    intervalSeconds: () => config().cleanupIntervalSeconds,
    run: (): Promise<CleanupReport> => runCleanup(),
  },
  // Publishes committed events and delivers due webhooks (lib/webhooks): every second in a Node
  // server (EVENT_DISPATCH=process), every minute from Vercel Cron (EVENT_DISPATCH=cron).
  events: {
    name: 'events',
    intervalSeconds: () => (config().eventDispatch === 'process' ? config().eventDispatchIntervalMs / 1000 : 0),
    run: () => dispatchForCron(),
    quiet: true,
  },
};

export function findJob(name: string): PeriodicJob | undefined {
  return Object.hasOwn(PERIODIC_JOBS, name) ? PERIODIC_JOBS[name] : undefined;
}

export interface Scheduler {
  stop(): void;
}

/**
 * Runs each job every intervalSeconds() (never two runs of one job at once: the next run is
 * scheduled when the previous one ends). The first run comes after a random part of the interval,
 * so that instances started together do not run together. Timers never keep the process alive.
 */
export function startPeriodicJobs(
  jobs: readonly PeriodicJob[],
  log: { info(message: string): void; error(message: string, error: unknown): void } = { info: console.log, error: console.error },
): Scheduler {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let stopped = false;
  for (const job of jobs) {
    const seconds = job.intervalSeconds();
    if (!(seconds > 0)) continue;
    const schedule = (delayMs: number) => {
      if (stopped) return;
      const timer = setTimeout(async () => {
        timers.delete(timer);
        const started = Date.now();
        try {
          const result = await job.run();
          if (!job.quiet) log.info(`[jobs] ${job.name} done in ${Date.now() - started} ms${summary(result)}`);
        } catch (error) {
          log.error(`[jobs] ${job.name} failed`, error);
        }
        schedule(seconds * 1000);
      }, delayMs);
      timer.unref?.();
      timers.add(timer);
    };
    schedule(Math.round(seconds * 1000 * (0.1 + 0.9 * Math.random())));
    log.info(`[jobs] ${job.name} runs every ${seconds} s in this process`);
  }
  return {
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

function summary(result: unknown): string {
  if (result && typeof result === 'object' && 'total' in result) return `: ${(result as { total: number }).total} row(s) deleted`;
  return '';
}

const SCHEDULER_KEY = Symbol.for('tessera.scheduler');

/** Starts the in-process schedule once per process (instrumentation.ts). */
export function startServerJobs(): Scheduler {
  const holder = globalThis as typeof globalThis & { [SCHEDULER_KEY]?: Scheduler };
  holder[SCHEDULER_KEY] ??= startPeriodicJobs(Object.values(PERIODIC_JOBS));
  return holder[SCHEDULER_KEY];
}
