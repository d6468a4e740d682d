import type { StreamEvent } from '../api/types';

// The realtime-streaming WebSocket protocol (CONTRACTS.md § Realtime streaming): auth first, then one
// subscribe; every event carries {offset, epoch}. After a drop the client reconnects with backoff
// (1 s doubling to 30 s, or the server's reconnect_after_ms) and subscribes with since = the last
// position it saw, so the server replays exactly what was missed. `recovered: false` means the gap could
// not be filled: listeners are told to refetch.

export type ConnectionState = 'connecting' | 'open' | 'closed';

type Listener = (event: StreamEvent) => void;

export interface WebSocketLike {
  readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface StreamOptions {
  url: string;
  token: () => string | null;
  eventTypes: string[];
  socketFactory?: (url: string) => WebSocketLike;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

export class StreamClient {
  private socket: WebSocketLike | null = null;
  private listeners = new Set<Listener>();
  private stateListeners = new Set<(state: ConnectionState) => void>();
  private gapListeners = new Set<() => void>();
  private position: { offset: number; epoch: string } | null = null;
  private backoff: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  state: ConnectionState = 'closed';

  constructor(private readonly options: StreamOptions) {
    this.backoff = options.initialBackoffMs ?? 1000;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.close();
    this.socket = null;
    this.setState('closed');
  }

  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Called when events may have been lost (the server could not replay the gap). */
  onGap(listener: () => void): () => void {
    this.gapListeners.add(listener);
    return () => this.gapListeners.delete(listener);
  }

  /** The last position seen, sent as `since` on the next subscribe. */
  get lastPosition() {
    return this.position;
  }

  private setState(state: ConnectionState) {
    this.state = state;
    this.stateListeners.forEach((l) => l(state));
  }

  private connect() {
    const token = this.options.token();
    if (!token || this.stopped) return;
    this.setState('connecting');
    const factory = this.options.socketFactory ?? ((url: string) => new WebSocket(url) as unknown as WebSocketLike);
    const socket = factory(this.options.url);
    this.socket = socket;
    let retryAfter: number | null = null;
    socket.onopen = () => socket.send(JSON.stringify({ type: 'auth', token }));
    socket.onmessage = (message) => {
      let data: Record<string, unknown>;
      try {
        data = JSON.parse(String(message.data));
      } catch {
        return;
      }
      switch (data.type) {
        case 'auth_response':
          if (data.status === 'ok') {
            const subscribe: Record<string, unknown> = {
              type: 'subscribe',
              subscription: { event_types: this.options.eventTypes },
            };
            if (this.position) subscribe.since = this.position;
            socket.send(JSON.stringify(subscribe));
          }
          break;
        case 'subscribed':
          this.backoff = this.options.initialBackoffMs ?? 1000;
          this.setState('open');
          if (data.recovered === false) this.gapListeners.forEach((l) => l());
          if (typeof data.offset === 'number' && typeof data.epoch === 'string' && (!this.position || data.recovered === false)) {
            this.position = { offset: data.offset, epoch: data.epoch };
          }
          break;
        case 'event': {
          const event = data as unknown as StreamEvent;
          if (typeof event.offset === 'number' && typeof event.epoch === 'string') {
            this.position = { offset: event.offset, epoch: event.epoch };
          }
          this.listeners.forEach((l) => l(event));
          break;
        }
        case 'disconnect':
          retryAfter = typeof data.reconnect_after_ms === 'number' ? data.reconnect_after_ms : null;
          break;
        default:
          break;
      }
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.setState('closed');
      this.scheduleReconnect(retryAfter);
    };
    socket.onerror = () => socket.close();
  }

  private scheduleReconnect(serverHint: number | null) {
    if (this.stopped) return;
    const delay = serverHint ?? this.backoff;
    this.backoff = Math.min(this.backoff * 2, this.options.maxBackoffMs ?? 30_000);
    this.timer = setTimeout(() => this.connect(), delay);
  }
}

export const LIVE_EVENT_TYPES = [
  'CLUSTER_REGISTERED',
  'CLUSTER_UPDATED',
  'CLUSTER_DELETED',
  'CLUSTER_STATUS_CHANGED',
  'CLUSTER_CAPABILITIES_CHANGED',
  'ALERT_FIRED',
  'ALERT_RESOLVED',
  'INTENT_CREATED',
  'INTENT_STATUS_CHANGED',
  'CNF_STATE_CHANGED',
  'PACKAGE_REVISION_CHANGED',
  'GPU_UPDATE',
  'ANOMALY_DETECTED',
  'RCA_COMPLETE',
];

export function websocketUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/ws`;
}
