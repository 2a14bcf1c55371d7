// The cleanup job: deletes rows nobody can use any more, table by table, in batches (each batch
// is one short statement: no table is locked for long, and rows a request holds are skipped, not
// waited for). Run by `npm run cli -- cleanup`, the Vercel Cron route GET /api/cron/cleanup and the
// in-process schedule of a Node server (CLEANUP_INTERVAL), all through lib/jobs.
//   - expired: sign-in requests, authorization codes, refresh tokens, SSO and admin sessions,
//     device codes, one-time codes (email, SMS, reset, magic link…), passkey challenges,
//     remembered MFA devices, rate-limit counters. An expired row is refused anyway; a rotated
//     refresh token's reuse detection only matters while it has not expired.
//   - logs older than their retention: sign-in logs (SIGN_IN_LOG_RETENTION_DAYS), email logs,
//     SMS logs, audit events (*_LOG_RETENTION_DAYS; 0 keeps them for ever).
// Other capabilities add their own tables with registerCleanupTask().
import { config } from '@/lib/config';
import { db } from '@/lib/db';

export const DEFAULT_BATCH_SIZE = 1_000;

export interface CleanupTask {
  /** The table (in DATABASE_SCHEMA); its rows are selected by `column` in batches. */
  table: string;
  /** What the rows are, for progress lines. */
  description: string;
  /** The primary key column. */
  key?: string;
  /**
   * The SQL condition of a deletable row (trusted text: written here, never from input), or null
   * when nothing of this table is to be deleted now (a retention of 0).
   */
  condition: () => string | null;
}

const expired = (column = 'expiresAt') => () => `"${column}" < now()`;

/** Rows older than `days` days by "createdAt"; null (keep everything) for 0. */
const olderThanDays = (days: () => number) => () => {
  const value = days();
  return value > 0 ? `"createdAt" < now() - make_interval(days => ${Math.floor(value)})` : null;
};

const BUILT_IN_TASKS: CleanupTask[] = [
  { table: 'authorization_requests', description: 'expired sign-in requests', condition: expired() },
  { table: 'authorization_codes', description: 'expired authorization codes', condition: expired() },
  { table: 'refresh_tokens', description: 'expired refresh tokens', condition: expired() },
  { table: 'sso_sessions', description: 'expired SSO sessions', condition: expired() },
  { table: 'admin_sessions', description: 'expired admin sessions', condition: expired() },
  { table: 'device_authorizations', description: 'expired device codes', condition: expired() },
  { table: 'one_time_codes', description: 'expired one-time codes', condition: expired() },
  { table: 'passkey_challenges', description: 'expired passkey challenges', condition: expired() },
  { table: 'remembered_devices', description: 'expired remembered MFA devices', condition: expired() },
  { table: 'rate_limit_counters', description: 'expired rate-limit counters', key: 'key', condition: () => `"expiresAt" <= now()` },
  { table: 'sign_in_logs', description: 'sign-in logs past SIGN_IN_LOG_RETENTION_DAYS', condition: olderThanDays(() => config().retentionDays.signInLogs) },
  { table: 'email_logs', description: 'email logs past EMAIL_LOG_RETENTION_DAYS', condition: olderThanDays(() => config().retentionDays.emailLogs) },
  { table: 'sms_logs', description: 'SMS logs past SMS_LOG_RETENTION_DAYS', condition: olderThanDays(() => config().retentionDays.smsLogs) },
  { table: 'audit_events', description: 'audit events past AUDIT_LOG_RETENTION_DAYS', condition: olderThanDays(() => config().retentionDays.auditEvents) },
];

const extraTasks: CleanupTask[] = [];

/** Adds a table to the cleanup job (e.g. delivered webhook events past their retention). */
export function registerCleanupTask(task: CleanupTask): void {
  if (![...BUILT_IN_TASKS, ...extraTasks].some((known) => known.table === task.table)) extraTasks.push(task);
}

export function cleanupTasks(): readonly CleanupTask[] {
  return [...BUILT_IN_TASKS, ...extraTasks];
}

export interface CleanupProgress {
  table: string;
  description: string;
  /** Rows deleted from this table so far in this run. */
  deleted: number;
  done: boolean;
}

export interface CleanupReport {
  /** Rows deleted per table (every task's table, 0 included; skipped ones are absent). */
  deleted: Record<string, number>;
  /** Tables whose retention is 0 (kept for ever). */
  skipped: string[];
  total: number;
  ms: number;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Deletes one batch; returns how many rows went. */
async function deleteBatch(task: CleanupTask, condition: string, batchSize: number): Promise<number> {
  const key = quote(task.key ?? 'id');
  const table = quote(task.table);
  // Repeating the condition in the outer statement keeps a row that changed between the
  // sub-select and the delete (a renewed rate-limit counter).
  return db.$executeRawUnsafe(
    `DELETE FROM ${table} WHERE ${condition} AND ${key} IN (SELECT ${key} FROM ${table} WHERE ${condition} LIMIT ${Math.max(1, Math.floor(batchSize))} FOR UPDATE SKIP LOCKED)`,
  );
}

export async function runCleanup(options: { batchSize?: number; onProgress?: (progress: CleanupProgress) => void } = {}): Promise<CleanupReport> {
  const started = Date.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const report: CleanupReport = { deleted: {}, skipped: [], total: 0, ms: 0 };
  for (const task of cleanupTasks()) {
    const condition = task.condition();
    if (condition === null) {
      report.skipped.push(task.table);
      continue;
    }
    let deleted = 0;
    for (;;) {
      const count = await deleteBatch(task, condition, batchSize);
      deleted += count;
      const done = count < batchSize;
      options.onProgress?.({ table: task.table, description: task.description, deleted, done });
      if (done) break;
    }
    report.deleted[task.table] = deleted;
    report.total += deleted;
  }
  report.ms = Date.now() - started;
  return report;
}
