import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
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
