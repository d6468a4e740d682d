import type { StreamEvent } from '../api/types';

// The realtime-streaming WebSocket protocol (CONTRACTS.md § Realtime streaming): auth first, then
// subscribe; every event carries {offset, epoch}. The socket carries only the event types some mounted
// view wants (`want`): GPU_UPDATE, say, can arrive many times a second, and a page that shows no GPU
// should not pay for it. Changes made in one tick (a page unmounting, the next one mounting) are sent as
// one subscribe of what was added and one unsubscribe of what was dropped, so a shared type never blinks. After a drop the client reconnects with backoff
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
  /** Types kept subscribed whatever is mounted. */
  eventTypes?: string[];
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
  /** How many listeners want each event type. */
  private wanted = new Map<string, number>();
  /** What the server holds for the current socket; null until it authenticated us. */
  private subscribed: Set<string> | null = null;
  private syncQueued = false;
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
    this.subscribed = null;
    this.setState('closed');
  }

  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Keeps the given types subscribed until the returned release is called. */
  want(types: string[]): () => void {
    types.forEach((type) => this.wanted.set(type, (this.wanted.get(type) ?? 0) + 1));
    this.queueSync();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      types.forEach((type) => {
        const left = (this.wanted.get(type) ?? 1) - 1;
        if (left > 0) this.wanted.set(type, left);
        else this.wanted.delete(type);
      });
      this.queueSync();
    };
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

  private desiredTypes(): string[] {
    return [...new Set([...(this.options.eventTypes ?? []), ...this.wanted.keys()])];
  }

  private queueSync() {
    if (this.syncQueued) return;
    this.syncQueued = true;
    queueMicrotask(() => {
      this.syncQueued = false;
      this.sync();
    });
  }

  /** Brings the server's subscription in line with what is wanted. Never sends an empty list: it means "all". */
  private sync(since?: { offset: number; epoch: string } | null) {
    const socket = this.socket;
    const current = this.subscribed;
    if (!socket || !current) return;
    const desired = this.desiredTypes();
    const added = desired.filter((type) => !current.has(type));
    const dropped = [...current].filter((type) => !desired.includes(type));
    this.subscribed = new Set(desired);
    if (added.length > 0) {
      const subscribe: Record<string, unknown> = { type: 'subscribe', subscription: { event_types: added } };
      if (since) subscribe.since = since;
      socket.send(JSON.stringify(subscribe));
    }
    if (dropped.length > 0) socket.send(JSON.stringify({ type: 'unsubscribe', event_types: dropped }));
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
          if (data.status === 'ok' && this.subscribed === null) {
            this.subscribed = new Set();
            if (this.desiredTypes().length === 0) this.setState('open');
            this.sync(this.position);
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
      this.subscribed = null;
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

export function websocketUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/ws`;
}
