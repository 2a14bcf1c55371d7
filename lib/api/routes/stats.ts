import { z } from 'zod';
import { dailyStats, STATS_PERIODS } from '@/lib/stats';
import { defineApiRoute } from '../define';

// Activity per day for the dashboard's home (Tessera; Melody has none). read_user: the series are
// counts over users and their sign-ins, no personal data.

const dailyStatsRecord = z.object({
  date: z.string().describe('UTC day, YYYY-MM-DD'),
  signIns: z.number().int().describe('Successful sign-ins'),
  failedSignIns: z.number().int(),
  newUsers: z.number().int().describe('Users created that day'),
  activeUsers: z.number().int().describe('Distinct users with a successful sign-in that day'),
});

export const getStatsRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/stats',
  operationId: 'getStats',
  summary: 'Sign-ins, failed sign-ins, new and active users per UTC day over the last 7 or 30 days (today included, oldest first)',
  tag: 'Stats',
  scopes: ['read_user'],
  query: z.object({
    days: z
      .enum(STATS_PERIODS.map(String) as ['7', '30'])
      .default('7')
      .transform((value) => Number(value) as (typeof STATS_PERIODS)[number])
      .describe('7 (default) or 30'),
  }),
  response: z.object({ stats: z.array(dailyStatsRecord) }),
  handler: async ({ query }) => ({ stats: await dailyStats(query.days) }),
});
