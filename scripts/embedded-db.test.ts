import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDb } from './embedded-db.mjs';

describe('embedded database server', () => {
  // on files, as `npm start` serves it: its writes yield to the event loop, where other
  // connections' messages arrive (the in-memory database never yields)
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-embedded-queue-'));
  let db: { url: string; stop: () => Promise<void> };
  beforeAll(async () => {
    db = await startEmbeddedDb({ dataDir: path.join(dataDir, 'pglite'), port: 0 });
  }, 60_000);
  afterAll(async () => {
    await db?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  // Bug: pglite-socket's queue let another connection's message run between a connection's Parse
  // and its Bind when they arrived in separate TCP segments (under load): the CLI beside a running
  // server failed with "unnamed prepared statement does not exist". Here a raw client sends its
  // Parse, waits until another client's simple query (which drops the unnamed statement) is queued,
  // then sends Bind/Execute/Sync.
  it('bug "unnamed prepared statement": a sequence split across TCP writes is not interleaved with another connection', async () => {
    const port = Number(new URL(db.url).port);
    const splitter = await rawConnection(port);
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      splitter.send(message('P', cstring(''), cstring('SELECT $1::text AS value'), int16(0)));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const interloper = other.query('SELECT 1 AS one');
      await new Promise((resolve) => setTimeout(resolve, 100));
      splitter.send(
        Buffer.concat([
          message('B', cstring(''), cstring(''), int16(0), int16(1), int32(5), Buffer.from('split'), int16(0)),
          message('E', cstring(''), int32(0)),
          message('S'),
        ]),
      );
      const replies = await splitter.untilReady();
      expect(replies.filter((reply) => reply.type === 'E').map((reply) => reply.body.toString('latin1'))).toEqual([]);
      expect(replies.find((reply) => reply.type === 'D')?.body.subarray(6).toString()).toBe('split');
      expect((await interloper).rows).toEqual([{ one: 1 }]);
    } finally {
      splitter.close();
      await other.end();
    }
  });

  it('a transaction keeps the database until it ends: another connection never sees its uncommitted rows', async () => {
    const [writer, reader] = [new pg.Client({ connectionString: db.url }), new pg.Client({ connectionString: db.url })];
    await Promise.all([writer.connect(), reader.connect()]);
    try {
      await writer.query('CREATE TABLE IF NOT EXISTS queue_probe (n int)');
      await writer.query('BEGIN');
      await writer.query('INSERT INTO queue_probe VALUES ($1)', [1]);
      const read = reader.query<{ n: number }>('SELECT count(*)::int AS n FROM queue_probe');
      await new Promise((resolve) => setTimeout(resolve, 50));
      await writer.query('COMMIT');
      expect((await read).rows[0].n).toBe(1);
    } finally {
      await Promise.all([writer.end(), reader.end()]);
    }
  });

  it('a connection that disappears in the middle of its transaction gives the database back', async () => {
    const [leaver, stayer] = [new pg.Client({ connectionString: db.url }), new pg.Client({ connectionString: db.url })];
    await Promise.all([leaver.connect(), stayer.connect()]);
    await leaver.query('BEGIN');
    (leaver as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    leaver.on('error', () => undefined);
    const { rows } = await stayer.query<{ one: number }>('SELECT $1::int AS one', [1]);
    expect(rows[0].one).toBe(1);
    await stayer.end();
  });
});

// A bare wire-protocol client (trust authentication), to control how messages are split into writes.
const int16 = (value: number) => Buffer.from([(value >> 8) & 0xff, value & 0xff]);
const int32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
};
const cstring = (value: string) => Buffer.from(`${value}\0`);
const message = (type: string, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from(type), int32(body.length + 4), body]);
};

async function rawConnection(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let pending = Buffer.alloc(0);
  let waiter: (() => void) | undefined;
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    waiter?.();
  });
  /** Reads messages up to and including ReadyForQuery. */
  const untilReady = async () => {
    const replies: { type: string; body: Buffer }[] = [];
    for (;;) {
      while (pending.length >= 5 && pending.length >= 1 + pending.readInt32BE(1)) {
        const length = pending.readInt32BE(1);
        const reply = { type: String.fromCharCode(pending[0]), body: pending.subarray(5, 1 + length) };
        pending = pending.subarray(1 + length);
        replies.push(reply);
        if (reply.type === 'Z') return replies;
      }
      await new Promise<void>((resolve) => (waiter = resolve));
    }
  };
  const startup = Buffer.concat([int32(196608), cstring('user'), cstring('postgres'), cstring('database'), cstring('postgres'), Buffer.from([0])]);
  socket.write(Buffer.concat([int32(startup.length + 4), startup]));
  await untilReady();
  return { send: (data: Buffer) => socket.write(data), untilReady, close: () => socket.destroy() };
}
