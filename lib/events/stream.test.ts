// The live activity stream (issue #17 point 3): published events as SSE messages, filtered by the
// viewer's scopes, resumed after Last-Event-ID.
import { describe, expect, it } from 'vitest';
import { makeS2sApp, makeUser } from '@/lib/testing/factories';
import { publishEvents } from './outbox';
import { eventStream, mayViewEvent, streamStart } from './stream';

async function readFor(viewer: readonly string[], start: bigint, ms = 1_500): Promise<{ id: string; event: string; data: { type: string; data: Record<string, unknown> } }[]> {
  const controller = new AbortController();
  const stream = eventStream(viewer, start, controller.signal, ms);
  const text = await new Response(stream).text();
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('id: '))
    .map((block) => {
      const fields = Object.fromEntries(block.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]));
      return { id: fields.id!, event: fields.event!, data: JSON.parse(fields.data!) };
    });
}

describe('the live activity stream', () => {
  it('shows each event only to viewers holding its scopes (root sees all)', () => {
    expect(mayViewEvent(['read_user'], 'identity.user.created')).toBe(true);
    expect(mayViewEvent(['read_app'], 'identity.user.created')).toBe(false);
    expect(mayViewEvent(['read_user'], 'identity.org.member.added')).toBe(false);
    expect(mayViewEvent(['read_user', 'read_org'], 'identity.org.member.added')).toBe(true);
    expect(mayViewEvent(['read_app'], 'app.created')).toBe(true);
    expect(mayViewEvent(['root'], 'oauth.token.issued')).toBe(true);
    expect(mayViewEvent(['root'], 'not.an.event')).toBe(false);
  });

  it('streams new events in order, filtered by scopes, and resumes after Last-Event-ID', async () => {
    while ((await publishEvents()) > 0);
    const start = await streamStart(null);
    const first = await makeUser();
    const app = await makeS2sApp();
    const second = await makeUser();
    while ((await publishEvents()) > 0);

    const asUserReader = await readFor(['read_user'], start);
    expect(asUserReader.map((message) => message.event)).toEqual(['identity.user.created', 'identity.user.created']);
    expect(asUserReader.map((message) => (message.data.data.user as { authId: string }).authId)).toEqual([first.id, second.id]);

    const asAppReader = await readFor(['read_app'], start);
    expect(asAppReader.map((message) => message.event)).toEqual(['app.created']);
    expect(asAppReader[0]!.data.data).toMatchObject({ app: { clientId: app.clientId } });

    // Reconnecting with the first message's id gets what came after it, nothing twice.
    const resumed = await readFor(['root'], await streamStart(asUserReader[0]!.id));
    expect(resumed.map((message) => message.event)).toEqual(['app.created', 'identity.user.created']);
    expect(Number(resumed[0]!.id)).toBeGreaterThan(Number(asUserReader[0]!.id));

    // Without Last-Event-ID only events after the connection come.
    expect(await readFor(['root'], await streamStart(null), 300)).toEqual([]);
  });
});
