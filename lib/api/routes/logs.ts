import { z } from 'zod';
import { LogErrors } from '@/lib/logs/errors';
import { SIGN_IN_LOG_METHODS } from '@/lib/logs/methods';
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
import { booleanQuery, dateTimeQuery, requiredDateTimeQuery } from '../query-params';
import { emailLogRecord, signInLogRecord, smsLogRecord } from '../records';

// Melody's /logs/{email,sms,sign-in} operations, root only. One literal path per type (as in
// Melody), so each type's record is documented on its own.

const idParams = z.object({ id: z.string().uuid() });
const tag = 'Logs';
const scopes = ['root'];

const windowFilters = {
  success: booleanQuery('Only successful (true) or failed (false) ones'),
  from: dateTimeQuery('logs created at or after it'),
  to: dateTimeQuery('logs created before it'),
};

const messageLogQuery = paginationQuery.extend({
  receiver: z.string().min(1).max(200).optional().describe('Part of the receiving address or number, any case (Tessera)'),
  ...windowFilters,
});

const signInLogQuery = paginationQuery.extend({
  email: z.string().min(1).max(320).optional().describe('Part of the address, any case (Tessera)'),
  user_id: z.string().uuid().optional().describe("The account's user id"),
  method: z.enum(SIGN_IN_LOG_METHODS).optional(),
  ...windowFilters,
});

const deleteQuery = z.object({
  before: requiredDateTimeQuery('rows created before it are deleted'),
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
  summary: 'List email logs, newest first, optionally filtered (ENABLE_EMAIL_LOG writes them)',
  tag,
  scopes,
  query: messageLogQuery,
  response: z.object({ logs: z.array(emailLogRecord), count: z.number().int().describe('Logs matching the filters, all pages') }),
  handler: async ({ query }) => listEmailLogs(query, pageWindow(query)),
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
  summary: 'List SMS logs, newest first, optionally filtered (ENABLE_SMS_LOG writes them)',
  tag,
  scopes,
  query: messageLogQuery,
  response: z.object({ logs: z.array(smsLogRecord), count: z.number().int().describe('Logs matching the filters, all pages') }),
  handler: async ({ query }) => listSmsLogs(query, pageWindow(query)),
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
  summary: 'List sign-in logs, newest first, optionally filtered (ENABLE_SIGN_IN_LOG writes them)',
  tag,
  scopes,
  query: signInLogQuery,
  response: z.object({ logs: z.array(signInLogRecord), count: z.number().int().describe('Logs matching the filters, all pages') }),
  handler: async ({ query }) => listSignInLogs({ ...query, userId: query.user_id }, pageWindow(query)),
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
