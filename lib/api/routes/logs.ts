import { z } from 'zod';
import { LogErrors } from '@/lib/logs/errors';
import {
  deleteLogsBefore,
  getEmailLog,
  getSignInLog,
  getSmsLog,
  listEmailLogs,
  listSignInLogs,
  listSmsLogs,
  type LogType,
} from '@/lib/logs/admin';
import { auditActor } from '../actor';
import { defineApiRoute } from '../define';
import { pageWindow, paginationQuery } from '../pagination';
import { emailLogRecord, signInLogRecord, smsLogRecord } from '../records';

// Melody's /logs/{email,sms,sign-in} operations, root only. One literal path per type (as in
// Melody), so each type's record is documented on its own.

const idParams = z.object({ id: z.string().uuid() });
const tag = 'Logs';
const scopes = ['root'];

const deleteQuery = z.object({
  before: z.iso
    .datetime({ offset: true })
    .transform((value) => new Date(value))
    .describe('ISO 8601 date-time with Z or an offset; rows created before it are deleted'),
});

function deleteRoute(type: LogType, operationId: string, label: string) {
  return defineApiRoute({
    method: 'DELETE',
    path: `/api/v1/logs/${type}`,
    operationId,
    summary: `Delete ${label} logs older than \`before\` (irreversible)`,
    tag,
    scopes,
    query: deleteQuery,
    successStatus: 204,
    handler: async ({ principal, query, ip }) => {
      await deleteLogsBefore(auditActor(principal, ip), type, query.before);
    },
  });
}

export const listEmailLogsRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/logs/email',
  operationId: 'listEmailLogs',
  summary: 'List email logs, newest first (ENABLE_EMAIL_LOG writes them)',
  tag,
  scopes,
  query: paginationQuery,
  response: z.object({ logs: z.array(emailLogRecord), count: z.number().int() }),
  handler: async ({ query }) => listEmailLogs(pageWindow(query)),
});

export const getEmailLogRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/logs/email/{id}',
  operationId: 'getEmailLog',
  summary: 'Get an email log',
  tag,
  scopes,
  params: idParams,
  response: z.object({ log: emailLogRecord }),
  errors: [LogErrors.log_not_found],
  handler: async ({ params }) => ({ log: await getEmailLog(params.id) }),
});

export const deleteEmailLogsRoute = deleteRoute('email', 'deleteEmailLogs', 'email');

export const listSmsLogsRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/logs/sms',
  operationId: 'listSmsLogs',
  summary: 'List SMS logs, newest first (ENABLE_SMS_LOG writes them)',
  tag,
  scopes,
  query: paginationQuery,
  response: z.object({ logs: z.array(smsLogRecord), count: z.number().int() }),
  handler: async ({ query }) => listSmsLogs(pageWindow(query)),
});

export const getSmsLogRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/logs/sms/{id}',
  operationId: 'getSmsLog',
  summary: 'Get an SMS log',
  tag,
  scopes,
  params: idParams,
  response: z.object({ log: smsLogRecord }),
  errors: [LogErrors.log_not_found],
  handler: async ({ params }) => ({ log: await getSmsLog(params.id) }),
});

export const deleteSmsLogsRoute = deleteRoute('sms', 'deleteSmsLogs', 'SMS');

export const listSignInLogsRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/logs/sign-in',
  operationId: 'listSignInLogs',
  summary: 'List sign-in logs, newest first',
  tag,
  scopes,
  query: paginationQuery,
  response: z.object({ logs: z.array(signInLogRecord), count: z.number().int() }),
  handler: async ({ query }) => listSignInLogs(pageWindow(query)),
});

export const getSignInLogRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/logs/sign-in/{id}',
  operationId: 'getSignInLog',
  summary: 'Get a sign-in log',
  tag,
  scopes,
  params: idParams,
  response: z.object({ log: signInLogRecord }),
  errors: [LogErrors.log_not_found],
  handler: async ({ params }) => ({ log: await getSignInLog(params.id) }),
});

export const deleteSignInLogsRoute = deleteRoute('sign-in', 'deleteSignInLogs', 'sign-in');
