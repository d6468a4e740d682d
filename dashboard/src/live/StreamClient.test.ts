import { StreamClient } from './StreamClient';
import { ScriptedSocket } from '../test/fakes';

/** A client over scripted sockets, authenticated on the first one. */
function connected(eventTypes?: string[]) {
  const sockets: ScriptedSocket[] = [];
  const client = new StreamClient({
    url: 'ws://console.test/ws', token: () => 't', eventTypes, initialBackoffMs: 1000,
    socketFactory: (url) => { const s = new ScriptedSocket(url); sockets.push(s); return s; },
  });
  client.start();
  sockets[0].open();
  sockets[0].receive({ type: 'auth_response', status: 'ok', client_id: 'c1' });
  return { client, sockets };
}

/** Lets the microtask that sends queued subscription changes run. */
const flush = () => Promise.resolve();

describe('StreamClient subscriptions', () => {
  it('subscribes only to what the mounted listeners want, and drops a type with its last listener', async () => {
    const { client, sockets } = connected();
    const socket = sockets[0];
    expect(socket.sent).toEqual([{ type: 'auth', token: 't' }]);
    expect(client.state).toBe('open');

    const releaseGrid = client.want(['CLUSTER_STATUS_CHANGED']);
    const releaseGpus = client.want(['GPU_UPDATE', 'CLUSTER_STATUS_CHANGED']);
    await flush();
    expect(socket.sent.slice(1)).toEqual([
      { type: 'subscribe', subscription: { event_types: ['CLUSTER_STATUS_CHANGED', 'GPU_UPDATE'] } },
    ]);

    releaseGpus();
    await flush();
    expect(socket.sent.slice(2)).toEqual([{ type: 'unsubscribe', event_types: ['GPU_UPDATE'] }]);

    releaseGpus(); // a second release changes nothing
    releaseGrid();
    await flush();
    expect(socket.sent.slice(3)).toEqual([{ type: 'unsubscribe', event_types: ['CLUSTER_STATUS_CHANGED'] }]);
    client.stop();
  });

  it('sends a page change made in one tick as one subscribe and one unsubscribe, keeping shared types', async () => {
    const { client, sockets } = connected();
    const releaseFleet = client.want(['CLUSTER_STATUS_CHANGED', 'ALERT_FIRED']);
    await flush();
    sockets[0].sent.length = 0;

    releaseFleet();
    client.want(['CLUSTER_STATUS_CHANGED', 'GPU_UPDATE']);
    await flush();

    expect(sockets[0].sent).toEqual([
      { type: 'subscribe', subscription: { event_types: ['GPU_UPDATE'] } },
      { type: 'unsubscribe', event_types: ['ALERT_FIRED'] },
    ]);
    client.stop();
  });

  it('keeps the always-on types and never sends an empty list, which would mean every type', async () => {
    const { client, sockets } = connected(['INTENT_STATUS_CHANGED']);
    expect(sockets[0].sent[1]).toEqual({ type: 'subscribe', subscription: { event_types: ['INTENT_STATUS_CHANGED'] } });

    client.want(['INTENT_STATUS_CHANGED'])();
    await flush();

    expect(sockets[0].sent).toHaveLength(2);
    client.stop();
  });

  it('resubscribes after a drop to what is wanted then, resuming from the last position', async () => {
    vi.useFakeTimers();
    const { client, sockets } = connected();
    const releaseAlerts = client.want(['ALERT_FIRED']);
    await flush();
    sockets[0].receive({ type: 'subscribed', epoch: 'e1', offset: 5 });
    sockets[0].receive({ type: 'event', event_id: 'a', event_type: 'ALERT_FIRED', timestamp: 't', offset: 6, epoch: 'e1', payload: {} });
    sockets[0].close();

    releaseAlerts();
    client.want(['GPU_UPDATE']);
    await flush();
    expect(sockets).toHaveLength(1); // nothing is sent while no socket is up
    vi.advanceTimersByTime(1000);
    sockets[1].open();
    sockets[1].receive({ type: 'auth_response', status: 'ok', client_id: 'c2' });

    expect(sockets[1].sent[1]).toEqual({
      type: 'subscribe', subscription: { event_types: ['GPU_UPDATE'] }, since: { offset: 6, epoch: 'e1' },
    });
    client.stop();
    vi.useRealTimers();
  });
});
