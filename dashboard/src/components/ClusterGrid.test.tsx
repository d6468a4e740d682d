import { act, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Cluster } from '../api/types';
import { LiveProvider } from '../live/LiveContext';
import { StreamClient } from '../live/StreamClient';
import { ScriptedSocket } from '../test/fakes';
import { ClusterGrid } from './ClusterGrid';

function cluster(name: string, state: Cluster['status']['state'], score: number): Cluster {
  return {
    id: `id-${name}`, name, display_name: null, api_server_url: 'https://api.example:6443', cluster_type: 'SPOKE',
    platform: 'KUBERNETES', region: 'eu-west', environment: 'LAB',
    status: { state, health_score: score, connectivity: 'CONNECTED' },
    capabilities: { has_gpu_nodes: false, gpu_count: 0, gpu_types: [], has_prometheus: true, has_thanos: false, has_tempo: false, has_loki: false, has_service_mesh: false, has_cnf_workloads: false, cnf_types: [] },
    endpoints: {}, labels: {}, has_credentials: false, version: 0, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z',
  };
}

describe('ClusterGrid', () => {
  it('repaints a tile on CLUSTER_STATUS_CHANGED after the stream authenticated and subscribed', () => {
    const sockets: ScriptedSocket[] = [];
    const client = new StreamClient({
      url: 'ws://console.test/ws', token: () => 'token-1', eventTypes: ['CLUSTER_STATUS_CHANGED'],
      socketFactory: (url) => { const s = new ScriptedSocket(url); sockets.push(s); return s; },
    });
    render(
      <QueryClientProvider client={new QueryClient()}>
        <LiveProvider client={client}>
          <MemoryRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
            <ClusterGrid clusters={[cluster('edge-1', 'ONLINE', 100), cluster('edge-2', 'ONLINE', 100)]} />
          </MemoryRouter>
        </LiveProvider>
      </QueryClientProvider>,
    );
    const socket = sockets[0];
    act(() => socket.open());
    expect(socket.sent[0]).toEqual({ type: 'auth', token: 'token-1' });
    act(() => socket.receive({ type: 'auth_response', status: 'ok', client_id: 'c1' }));
    expect(socket.sent[1]).toEqual({ type: 'subscribe', subscription: { event_types: ['CLUSTER_STATUS_CHANGED'] } });
    act(() => socket.receive({ type: 'subscribed', epoch: 'e1', offset: 41 }));

    act(() => socket.receive({
      type: 'event', event_id: 'ev-1', event_type: 'CLUSTER_STATUS_CHANGED', cluster_id: 'id-edge-2', cluster_name: 'edge-2',
      timestamp: '2026-11-29T10:00:00Z', offset: 42, epoch: 'e1',
      payload: { cluster_id: 'id-edge-2', old_state: 'ONLINE', new_state: 'DEGRADED', health_score: 80, reason: 'Prometheus not ready' },
    }));

    const tile = screen.getByTestId('cluster-tile-edge-2');
    expect(tile).toHaveAttribute('data-state', 'DEGRADED');
    expect(within(tile).getByText(/DEGRADED · health 80/)).toBeInTheDocument();
    expect(screen.getByTestId('cluster-tile-edge-1')).toHaveAttribute('data-state', 'ONLINE');
    client.stop();
  });

  it('lets a list fetched after an event replace it, so a refetch after a stream gap is not hidden', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_000_000);
    const sockets: ScriptedSocket[] = [];
    const client = new StreamClient({
      url: 'ws://console.test/ws', token: () => 't', eventTypes: ['CLUSTER_STATUS_CHANGED'],
      socketFactory: (url) => { const s = new ScriptedSocket(url); sockets.push(s); return s; },
    });
    const grid = (clusters: Cluster[], fetchedAt: number) => (
      <QueryClientProvider client={new QueryClient()}>
        <LiveProvider client={client}>
          <MemoryRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
            <ClusterGrid clusters={clusters} fetchedAt={fetchedAt} />
          </MemoryRouter>
        </LiveProvider>
      </QueryClientProvider>
    );
    const view = render(grid([cluster('edge-1', 'ONLINE', 100)], 999_000));
    act(() => sockets[0].open());
    act(() => sockets[0].receive({ type: 'auth_response', status: 'ok', client_id: 'c1' }));
    act(() => sockets[0].receive({
      type: 'event', event_id: 'e', event_type: 'CLUSTER_STATUS_CHANGED', cluster_id: 'id-edge-1', timestamp: 't', offset: 1, epoch: 'e1',
      payload: { cluster_id: 'id-edge-1', old_state: 'ONLINE', new_state: 'DEGRADED', health_score: 70 },
    }));
    expect(screen.getByTestId('cluster-tile-edge-1')).toHaveAttribute('data-state', 'DEGRADED');

    view.rerender(grid([cluster('edge-1', 'ONLINE', 100)], 999_500)); // fetched before the event: the event stays
    expect(screen.getByTestId('cluster-tile-edge-1')).toHaveAttribute('data-state', 'DEGRADED');
    view.rerender(grid([cluster('edge-1', 'OFFLINE', 0)], 1_002_000)); // fetched after it: the list wins
    expect(screen.getByTestId('cluster-tile-edge-1')).toHaveAttribute('data-state', 'OFFLINE');
    client.stop();
    vi.useRealTimers();
  });

  it('resubscribes after a drop with since = the last offset and epoch seen', () => {
    vi.useFakeTimers();
    const sockets: ScriptedSocket[] = [];
    const client = new StreamClient({
      url: 'ws://console.test/ws', token: () => 't', eventTypes: ['CLUSTER_STATUS_CHANGED'], initialBackoffMs: 1000,
      socketFactory: (url) => { const s = new ScriptedSocket(url); sockets.push(s); return s; },
    });
    client.start();
    sockets[0].open();
    sockets[0].receive({ type: 'auth_response', status: 'ok', client_id: 'c1' });
    sockets[0].receive({ type: 'subscribed', epoch: 'e7', offset: 10 });
    sockets[0].receive({ type: 'event', event_id: 'x', event_type: 'CLUSTER_STATUS_CHANGED', timestamp: 't', offset: 12, epoch: 'e7', payload: {} });
    sockets[0].close();

    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(2);
    sockets[1].open();
    sockets[1].receive({ type: 'auth_response', status: 'ok', client_id: 'c2' });
    expect(sockets[1].sent[1]).toEqual({
      type: 'subscribe', subscription: { event_types: ['CLUSTER_STATUS_CHANGED'] }, since: { offset: 12, epoch: 'e7' },
    });
    let gaps = 0;
    client.onGap(() => gaps++);
    sockets[1].receive({ type: 'subscribed', epoch: 'e8', offset: 3, recovered: false });
    expect(gaps).toBe(1);
    expect(client.lastPosition).toEqual({ offset: 3, epoch: 'e8' });
    client.stop();
    vi.useRealTimers();
  });
});
