import { db } from '@/lib/db';

// Daily activity for the admin dashboard's home: sign-ins, failed sign-ins, new users and active
// users per UTC day, from the sign-in log and the users table.

export const STATS_PERIODS = [7, 30] as const;
export type StatsPeriod = (typeof STATS_PERIODS)[number];

export interface DailyStats {
  /** UTC day, YYYY-MM-DD. */
  date: string;
  /** Successful sign-ins. */
  signIns: number;
  failedSignIns: number;
  /** Users created that day. */
  newUsers: number;
  /** Distinct users with at least one successful sign-in that day. */
  activeUsers: number;
}

const DAY_MS = 86_400_000;

/**
 * The last `days` UTC days, today included, oldest first; a day without activity is present
 * with zeros. A sign-in is a credential that signed someone in; the second factor passed after it
 * (an *_mfa row) is not a second sign-in, but a refused code is a failed attempt.
 *
 * One statement: each table is read once over the period, from an index alone (sign_in_logs:
 * createdAt, success, userId, method; users: createdAt, id), and grouped by day. Active users are
 * counted by grouping on (day, user, success, factor) first: hash aggregation, where
 * count(DISTINCT) would sort every sign-in of the period (2–3× slower at a million rows).
 */
export async function dailyStats(days: StatsPeriod, now = new Date()): Promise<DailyStats[]> {
  const end = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS);
  const start = new Date(end.getTime() - days * DAY_MS);
  const rows = await db.$queryRaw<DailyStats[]>`
    WITH "per_user" AS (
      SELECT ("createdAt" AT TIME ZONE 'UTC')::date AS "day", "userId", "success", "method" IN ('otp_mfa', 'sms_mfa', 'email_mfa') AS "mfa", count(*) AS "n"
      FROM "sign_in_logs"
      WHERE "createdAt" >= ${start} AND "createdAt" < ${end}
      GROUP BY 1, 2, 3, 4
    ), "sign_ins" AS (
      SELECT "day",
        sum("n") FILTER (WHERE "success" AND NOT "mfa")::int AS "signIns",
        sum("n") FILTER (WHERE NOT "success")::int AS "failedSignIns",
        count("userId") FILTER (WHERE "success" AND NOT "mfa")::int AS "activeUsers"
      FROM "per_user"
      GROUP BY 1
    ), "new_users" AS (
      SELECT ("createdAt" AT TIME ZONE 'UTC')::date AS "day", count(*)::int AS "newUsers"
      FROM "users"
      WHERE "createdAt" >= ${start} AND "createdAt" < ${end}
      GROUP BY 1
    )
    SELECT to_char(d."day", 'YYYY-MM-DD') AS "date",
      coalesce(s."signIns", 0) AS "signIns",
      coalesce(s."failedSignIns", 0) AS "failedSignIns",
      coalesce(n."newUsers", 0) AS "newUsers",
      coalesce(s."activeUsers", 0) AS "activeUsers"
    FROM (SELECT generate_series(${start}::timestamptz AT TIME ZONE 'UTC', ${end}::timestamptz AT TIME ZONE 'UTC' - interval '1 day', interval '1 day')::date AS "day") AS d
    LEFT JOIN "sign_ins" s ON s."day" = d."day"
    LEFT JOIN "new_users" n ON n."day" = d."day"
    ORDER BY d."day"`;
  return rows;
}
