import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { StreamEvent } from '../api/types';
import { StreamClient, type ConnectionState } from './StreamClient';

const LiveContext = createContext<StreamClient | null>(null);

/** One socket for the whole console; it carries the event types the mounted pages listen to. */
export function LiveProvider({ client, children }: { client: StreamClient | null; children: ReactNode }) {
  const queries = useQueryClient();
  useEffect(() => {
    if (!client) return;
    // a gap the server could not replay: whatever is cached may be stale
    const offGap = client.onGap(() => queries.invalidateQueries());
    client.start();
    return () => {
      offGap();
      client.stop();
    };
  }, [client, queries]);
  return <LiveContext.Provider value={client}>{children}</LiveContext.Provider>;
}

export function useLiveEvents(types: string[], handler: (event: StreamEvent) => void) {
  const client = useContext(LiveContext);
  const ref = useRef(handler);
  ref.current = handler;
  const key = types.join(',');
  useEffect(() => {
    if (!client) return;
    const types = key.split(',');
    const wanted = new Set(types);
    const release = client.want(types);
    const off = client.onEvent((event) => {
      if (wanted.has(event.event_type)) ref.current(event);
    });
    return () => {
      off();
      release();
    };
  }, [client, key]);
}

export function useConnectionState(): ConnectionState {
  const client = useContext(LiveContext);
  const [state, setState] = useState<ConnectionState>(client?.state ?? 'closed');
  useEffect(() => (client ? client.onState(setState) : undefined), [client]);
  return state;
}

/**
 * Invalidates query keys at most once per `ms` however fast events arrive: a fleet registering a thousand
 * clusters must not turn into a thousand refetches (and the gateway's rate limit). The first call acts at
 * once; calls within the window are merged into one more invalidation at its end, so the last change is
 * never missed.
 */
export function useThrottledInvalidate(ms = 1000) {
  const queries = useQueryClient();
  const pending = useRef(new Map<string, QueryKey>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const last = useRef(0);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  return useCallback((queryKey: QueryKey) => {
    pending.current.set(JSON.stringify(queryKey), queryKey);
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      last.current = Date.now();
      const keys = [...pending.current.values()];
      pending.current.clear();
      keys.forEach((key) => queries.invalidateQueries({ queryKey: key }));
    }, Math.max(0, last.current + ms - Date.now()));
  }, [queries, ms]);
}
