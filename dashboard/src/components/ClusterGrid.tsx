import { memo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { Cluster, ClusterState } from '../api/types';
import { useLiveEvents } from '../live/LiveContext';
import { STATE_COLOURS } from './ui';

interface LiveStatus {
  state: ClusterState;
  health_score: number;
  /** when the event arrived (ms): a list fetched later is newer and wins */
  at: number;
}

/**
 * The fleet's clusters as tiles coloured by state. CLUSTER_STATUS_CHANGED events ({cluster_id, old_state,
 * new_state, health_score, reason}) repaint a tile at once, without waiting for the next refetch; a list
 * fetched after the event (`fetchedAt`, ms) replaces it, so a refetch after a gap in the stream is not
 * hidden behind older events.
 */
export function ClusterGrid({ clusters, fetchedAt = 0 }: { clusters: Cluster[]; fetchedAt?: number }) {
  const [live, setLive] = useState<Record<string, LiveStatus>>({});
  useLiveEvents(['CLUSTER_STATUS_CHANGED'], (event) => {
    const payload = event.payload as { cluster_id?: string; new_state?: ClusterState; health_score?: number };
    const id = payload.cluster_id ?? event.cluster_id;
    if (!id || !payload.new_state) return;
    setLive((current) => ({ ...current, [id]: { state: payload.new_state!, health_score: payload.health_score ?? 0, at: Date.now() } }));
  });
  return (
    <ul aria-label="Clusters" className="grid grid-cols-2 gap-2 sm:grid-cols-3 md:grid-cols-4 lg:grid-cols-6">
      {clusters.map((cluster) => {
        const event = live[cluster.id];
        return <ClusterTile key={cluster.id} cluster={cluster} status={event && event.at > fetchedAt ? event : cluster.status} />;
      })}
    </ul>
  );
}

// memoised: a status event repaints its own tile, not the other 999 of a large fleet
const ClusterTile = memo(function ClusterTile({ cluster, status }: { cluster: Cluster; status: Pick<LiveStatus, 'state' | 'health_score'> }) {
  return (
    <li data-testid={`cluster-tile-${cluster.name}`} data-state={status.state}
      className={`rounded border p-2 text-sm ${STATE_COLOURS[status.state] ?? STATE_COLOURS.UNKNOWN}`}>
      <Link to={`/clusters/${cluster.id}`} className="block font-semibold underline-offset-2 hover:underline">
        {cluster.display_name || cluster.name}
      </Link>
      <span className="block text-xs">{status.state} · health {status.health_score}</span>
      <span className="block text-xs">{cluster.cluster_type} · {cluster.region ?? 'no region'}</span>
    </li>
  );
});
