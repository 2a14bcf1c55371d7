import { NextResponse, type NextRequest } from 'next/server';
import { apiErrorResponse, NO_STORE } from '@/lib/http/errors';
import { clearOutbox, isDevOutboxEnabled, listOutbox, type OutboxChannel } from '@/lib/dev-outbox';

// GET /dev/outbox.json → [{ to, subject, text, html, createdAt, channel }], newest first (at most
// 200). Optional filters: ?to=<address or phone>, ?channel=email|sms.
// DELETE /dev/outbox.json clears the outbox (tests). Both 404 unless DEV_OUTBOX is on.
export const dynamic = 'force-dynamic';

const notFound = () => NextResponse.json({ error: 'not_found', message: 'Not found.' }, { status: 404, headers: NO_STORE });

export async function GET(request: NextRequest) {
  if (!isDevOutboxEnabled()) return notFound();
  try {
    const params = request.nextUrl.searchParams;
    const channelParam = params.get('channel');
    const channel: OutboxChannel | undefined = channelParam === 'email' || channelParam === 'sms' ? channelParam : undefined;
    const messages = await listOutbox({ to: params.get('to') ?? undefined, channel });
    return NextResponse.json(
      messages.map(({ to, subject, text, html, createdAt, channel }) => ({ to, subject, text, html, createdAt: createdAt.toISOString(), channel })),
      { headers: NO_STORE },
    );
  } catch (error) {
    return apiErrorResponse(error);
  }
}

export async function DELETE() {
  if (!isDevOutboxEnabled()) return notFound();
  try {
    return NextResponse.json({ deleted: await clearOutbox() }, { headers: NO_STORE });
  } catch (error) {
    return apiErrorResponse(error);
  }
}
