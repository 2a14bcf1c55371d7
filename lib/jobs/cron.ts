import { timingSafeEqual } from 'node:crypto';
import { config } from '@/lib/config';
import { AppError, CommonErrors, defineErrors } from '@/lib/errors';
import { findJob, type PeriodicJob } from './index';

export const CronErrors = defineErrors({
  unauthorized: { status: 401, message: 'A valid CRON_SECRET bearer token is required.' },
});

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The job a cron request may run. Without CRON_SECRET the route does not exist (404, as for an
 * unknown job); a missing or wrong token is 401.
 */
export function authorizeCron(authorization: string | null, jobName: string): PeriodicJob {
  const secret = config().cronSecret;
  const job = findJob(jobName);
  if (!secret || !job) throw new AppError(CommonErrors.not_found);
  const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
  if (!token || !sameSecret(token, secret)) throw new AppError(CronErrors.unauthorized);
  return job;
}
