'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { EVENT_TYPES } from '@/lib/events/catalog';
import { apiQueryKey } from './query-key';

// The dashboard's side of the live activity stream (GET /api/v1/events/stream, issue #17 point
// 3). The admin session's cookie authenticates the EventSource like any dashboard read, and the
// server sends only the events the admin's rights allow. The browser reconnects by itself when a
// stream ends (every 5 minutes, so rights are read again) and sends Last-Event-ID; when the
// server refuses a connection (it closes the EventSource), this hook opens a new one after a
// back-off, resuming after the last event seen through ?lastEventId=.

const STREAM_PATH = '/api/v1/events/stream';
const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 30_000;

export interface LiveEvent {
  /** The stream position (the SSE id). */
  position: string;
  id: string;
  type: string;
  timestamp: string;
  actor: { type: string; id: string | null };
  data: Record<string, unknown>;
}

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

/** Calls `onEvent` for each event of the stream while mounted; returns the connection's state. */
export function useLiveEvents(onEvent: (event: LiveEvent) => void): LiveStatus {
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  const [status, setStatus] = useState<LiveStatus>('connecting');
  useEffect(() => {
    let source: EventSource | null = null;
    let lastEventId: string | null = null;
    let retryMs = FIRST_RETRY_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const receive = (message: MessageEvent<string>) => {
      lastEventId = message.lastEventId || lastEventId;
      try {
        const envelope = JSON.parse(message.data) as Omit<LiveEvent, 'position'>;
        handler.current({ ...envelope, position: message.lastEventId });
      } catch {
        // not an event of ours: nothing to show
      }
    };
    const open = () => {
      source = new EventSource(lastEventId ? `${STREAM_PATH}?lastEventId=${encodeURIComponent(lastEventId)}` : STREAM_PATH);
      // Every message is named after its event type; unnamed messages are not sent.
      for (const type of EVENT_TYPES) source.addEventListener(type, receive);
      source.onopen = () => {
        retryMs = FIRST_RETRY_MS;
        setStatus('live');
      };
      source.onerror = () => {
        setStatus('reconnecting');
        if (source?.readyState !== EventSource.CLOSED) return; // the browser reconnects itself
        source.close();
        timer = setTimeout(open, retryMs);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      };
    };
    open();
    return () => {
      clearTimeout(timer);
      source?.close();
    };
  }, []);
  return status;
}

/** Which cached API reads an event makes stale: a user created or deleted refreshes the users list. */
const STALE_READS: Record<string, readonly string[]> = {
  'identity.user.created': ['/api/v1/users'],
  'identity.user.deleted': ['/api/v1/users'],
};

/** A burst of events (an import of thousands of users) refetches a read once per this window. */
const REFETCH_WINDOW_MS = 1_000;

/** Keeps the page's lists current: refetches the reads the stream's events make stale. */
export function useLiveInvalidation(): LiveStatus {
  const queryClient = useQueryClient();
  const stale = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useLiveEvents((event) => {
    for (const path of STALE_READS[event.type] ?? []) stale.current.add(path);
    if (!stale.current.size || timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      for (const path of stale.current) void queryClient.invalidateQueries({ queryKey: apiQueryKey(path) });
      stale.current.clear();
    }, REFETCH_WINDOW_MS);
  });
}
