import { NextResponse, type NextRequest } from 'next/server';
import { apiErrorResponse, NO_STORE } from '@/lib/http/errors';
import { authorizeCron } from '@/lib/jobs/cron';

export const dynamic = 'force-dynamic';
// Vercel: a cleanup of a large backlog may take a while (batches of 1,000 rows)
export const maxDuration = 300;

/** Vercel Cron (vercel.json) runs a periodic job: `Authorization: Bearer $CRON_SECRET`. */
export async function GET(request: NextRequest, context: { params: Promise<{ job: string }> }) {
  try {
    const job = authorizeCron(request.headers.get('authorization'), (await context.params).job);
    const result = await job.run();
    return NextResponse.json({ job: job.name, result }, { headers: NO_STORE });
  } catch (error) {
    return apiErrorResponse(error);
  }
}
