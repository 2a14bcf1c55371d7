import { recordAudit, type AuditActor } from '@/lib/audit';
import { db, transaction } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { LogErrors } from './errors';

// Email, SMS and sign-in logs for the S2S API (root) and the admin dashboard: newest first,
// filtered and paged with the filter's total, and cleaned by hard-deleting rows older than a
// point in time.

export const LOG_TYPES = ['email', 'sms', 'sign-in'] as const;
export type LogType = (typeof LOG_TYPES)[number];

interface Window {
  take: number;
  skip: number;
}

interface LogFilter {
  success?: boolean;
  /** Inclusive lower bound of createdAt. */
  from?: Date;
  /** Exclusive upper bound of createdAt. */
  to?: Date;
}

export interface MessageLogFilter extends LogFilter {
  /** Part of the address or number, any case. */
  receiver?: string;
}

export interface SignInLogFilter extends LogFilter {
  /** Part of the address, any case. */
  email?: string;
  userId?: string;
  method?: string;
}

const newestFirst = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];

function commonWhere(filter: LogFilter) {
  return { success: filter.success, createdAt: filter.from || filter.to ? { gte: filter.from, lt: filter.to } : undefined };
}

const partOf = (text: string | undefined) => (text ? { contains: text, mode: 'insensitive' as const } : undefined);

function messageWhere(filter: MessageLogFilter) {
  return { ...commonWhere(filter), receiver: partOf(filter.receiver) };
}

export async function listEmailLogs(filter: MessageLogFilter, window: Window) {
  const where = messageWhere(filter);
  const [logs, count] = await Promise.all([db.emailLog.findMany({ where, orderBy: newestFirst, ...window }), db.emailLog.count({ where })]);
  return { logs, count };
}

export async function getEmailLog(id: string) {
  const log = await db.emailLog.findUnique({ where: { id } });
  if (!log) throw new AppError(LogErrors.log_not_found);
  return log;
}

export async function listSmsLogs(filter: MessageLogFilter, window: Window) {
  const where = messageWhere(filter);
  const [logs, count] = await Promise.all([db.smsLog.findMany({ where, orderBy: newestFirst, ...window }), db.smsLog.count({ where })]);
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

export async function listSignInLogs(filter: SignInLogFilter, window: Window) {
  const where = { ...commonWhere(filter), email: partOf(filter.email), userId: filter.userId, method: filter.method };
  const [logs, count] = await Promise.all([db.signInLog.findMany({ where, orderBy: newestFirst, ...window }), db.signInLog.count({ where })]);
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
