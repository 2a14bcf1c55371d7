// The dev outbox: with DEV_OUTBOX on (default only with ENVIRONMENT=dev on a loopback AUTH_SERVER_URL), lib/email and lib/sms store
// every message here instead of sending it; /dev/outbox and /dev/outbox.json show them.
import { config } from '@/lib/config';
import { db } from '@/lib/db';

export type OutboxChannel = 'email' | 'sms';

export interface OutboxMessage {
  channel: OutboxChannel;
  to: string;
  subject: string;
  text: string;
  html: string;
  createdAt: Date;
}

/** Most messages one listing returns (newest first). */
export const OUTBOX_LIST_LIMIT = 200;

export function isDevOutboxEnabled(): boolean {
  return config().devOutbox;
}

export async function captureInOutbox(message: Omit<OutboxMessage, 'createdAt'>): Promise<OutboxMessage> {
  const row = await db.devOutboxMessage.create({
    data: { channel: message.channel, to: message.to, subject: message.subject, text: message.text, html: message.html },
  });
  return toMessage(row);
}

export interface OutboxQuery {
  /** Only messages to this recipient (email compared case-insensitively). */
  to?: string;
  channel?: OutboxChannel;
  limit?: number;
}

/** Captured messages, newest first. */
export async function listOutbox({ to, channel, limit = OUTBOX_LIST_LIMIT }: OutboxQuery = {}): Promise<OutboxMessage[]> {
  const rows = await db.devOutboxMessage.findMany({
    where: {
      ...(to ? { to: { equals: to.trim(), mode: 'insensitive' as const } } : {}),
      ...(channel ? { channel } : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: Math.min(Math.max(1, Math.trunc(limit)), OUTBOX_LIST_LIMIT),
  });
  return rows.map(toMessage);
}

/** Deletes every captured message; returns how many there were. */
export async function clearOutbox(): Promise<number> {
  const { count } = await db.devOutboxMessage.deleteMany({});
  return count;
}

function toMessage(row: { channel: string; to: string; subject: string; text: string; html: string; createdAt: Date }): OutboxMessage {
  return {
    channel: row.channel === 'sms' ? 'sms' : 'email',
    to: row.to,
    subject: row.subject,
    text: row.text,
    html: row.html,
    createdAt: row.createdAt,
  };
}
