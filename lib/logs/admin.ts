import { recordAudit, type AuditActor } from '@/lib/audit';
import { db, transaction } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { LogErrors } from './errors';

// Email, SMS and sign-in logs for the S2S API (root) and the admin dashboard: newest first,
// paged with a total, and cleaned by hard-deleting rows older than a point in time.

export const LOG_TYPES = ['email', 'sms', 'sign-in'] as const;
export type LogType = (typeof LOG_TYPES)[number];

interface Window {
  take: number;
  skip: number;
}

const newestFirst = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];

export async function listEmailLogs(window: Window) {
  const [logs, count] = await Promise.all([db.emailLog.findMany({ orderBy: newestFirst, ...window }), db.emailLog.count()]);
  return { logs, count };
}

export async function getEmailLog(id: string) {
  const log = await db.emailLog.findUnique({ where: { id } });
  if (!log) throw new AppError(LogErrors.log_not_found);
  return log;
}

export async function listSmsLogs(window: Window) {
  const [logs, count] = await Promise.all([db.smsLog.findMany({ orderBy: newestFirst, ...window }), db.smsLog.count()]);
  return { logs, count };
}

export async function getSmsLog(id: string) {
  const log = await db.smsLog.findUnique({ where: { id } });
  if (!log) throw new AppError(LogErrors.log_not_found);
  return log;
}

type SignInLogRow = Awaited<ReturnType<typeof db.signInLog.findFirstOrThrow>>;

/** Melody's sign-in log carries `detail` as JSON text. */
function toSignInRecord(log: SignInLogRow) {
  return { ...log, detail: JSON.stringify(log.detail ?? {}) };
}

export async function listSignInLogs(window: Window) {
  const [logs, count] = await Promise.all([db.signInLog.findMany({ orderBy: newestFirst, ...window }), db.signInLog.count()]);
  return { logs: logs.map(toSignInRecord), count };
}

export async function getSignInLog(id: string) {
  const log = await db.signInLog.findUnique({ where: { id } });
  if (!log) throw new AppError(LogErrors.log_not_found);
  return toSignInRecord(log);
}

/** Hard-deletes the logs of `type` created before `before`; returns how many went. Audited. */
export async function deleteLogsBefore(actor: AuditActor, type: LogType, before: Date): Promise<number> {
  return transaction(async (tx) => {
    const where = { createdAt: { lt: before } };
    const { count } =
      type === 'email'
        ? await tx.emailLog.deleteMany({ where })
        : type === 'sms'
          ? await tx.smsLog.deleteMany({ where })
          : await tx.signInLog.deleteMany({ where });
    await recordAudit(tx, actor, {
      action: 'logs.deleted',
      targetType: `${type.replace('-', '_')}_log`,
      targetId: null,
      after: { before: before.toISOString(), deleted: count },
    });
    return count;
  });
}
