import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, apiAll } from '../api/http';
import type { Alert, Cluster, FleetSummary, IntentView, Paged } from '../api/types';
import { ClusterGrid } from '../components/ClusterGrid';
import { Card, Empty, ProblemView, Spinner, StateBadge } from '../components/ui';
import { useLiveEvents, useThrottledInvalidate } from '../live/LiveContext';
import { useFormatTime, useRefetchInterval } from '../settings';

function Tile({ label, value, detail }: { label: string; value: string | number; detail?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-700 dark:bg-slate-800">
      <p className="text-xs uppercase tracking-wide text-slate-700 dark:text-slate-300">{label}</p>
      <p className="text-2xl font-semibold">{value}</p>
      {detail && <p className="text-xs text-slate-700 dark:text-slate-300">{detail}</p>}
    </div>
  );
}

export default function FleetPage() {
  const refetchInterval = useRefetchInterval();
  const formatTime = useFormatTime();
  const summary = useQuery({ queryKey: ['fleet', 'summary'], queryFn: () => api<FleetSummary>('/api/v1/fleet/summary'), refetchInterval });
  const clusters = useQuery({
    queryKey: ['fleet', 'clusters'],
    queryFn: () => apiAll<Cluster>('/api/v1/clusters?sort=name'),
    refetchInterval,
  });
  const alerts = useQuery({ queryKey: ['fleet', 'alerts'], queryFn: () => api<Paged<Alert>>('/api/v1/alerts?state=FIRING&page_size=5'), refetchInterval });
  const intents = useQuery({ queryKey: ['fleet', 'intents'], queryFn: () => api<Paged<IntentView>>('/api/v1/intents?page_size=5'), refetchInterval });

  // membership and counts change with these: refetch (the grid repaints status changes by itself)
  const invalidate = useThrottledInvalidate();
  useLiveEvents(['CLUSTER_REGISTERED', 'CLUSTER_DELETED', 'CLUSTER_UPDATED', 'CLUSTER_STATUS_CHANGED'], (event) => {
    const id = event.cluster_id ?? (event.payload as { cluster_id?: string }).cluster_id;
    const known = clusters.data?.some((c) => c.id === id) ?? false;
    // a status change of a cluster the grid does not show means the membership changed too (its
    // CLUSTER_REGISTERED may come later, or not at all after a gap): refetch the list as well
    if (event.event_type === 'CLUSTER_STATUS_CHANGED' && known) {
      invalidate(['fleet', 'summary']);
    } else {
      invalidate(['fleet']);
    }
  });
  useLiveEvents(['ALERT_FIRED', 'ALERT_RESOLVED'], () => invalidate(['fleet', 'alerts']));
  useLiveEvents(['INTENT_CREATED', 'INTENT_STATUS_CHANGED'], () => invalidate(['fleet', 'intents']));

  const s = summary.data;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Fleet</h1>
      {summary.isPending ? <Spinner /> : summary.isError ? <ProblemView error={summary.error} /> : s && (
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4" aria-label="Fleet summary">
          <Tile label="Clusters" value={s.total_clusters} detail={`average health ${Math.round(s.average_health_score)}`} />
          <Tile label="States" value={`${s.by_state.ONLINE ?? 0} online`} detail={Object.entries(s.by_state).map(([k, v]) => `${k} ${v}`).join(' · ') || 'none'} />
          <Tile label="GPUs" value={s.gpus.total_gpus} detail={`${s.gpus.clusters_with_gpus} clusters with GPUs`} />
          <Tile label="CNF clusters" value={s.cnfs.clusters_with_cnfs} detail={Object.entries(s.cnfs.by_type).map(([k, v]) => `${k} ${v}`).join(' · ') || 'none'} />
        </div>
      )}
      <Card title="Clusters">
        {clusters.isPending ? <Spinner /> : clusters.isError ? <ProblemView error={clusters.error} /> :
          clusters.data.length === 0 ? <Empty>No clusters registered yet. <Link className="underline" to="/clusters">Register one</Link>.</Empty> :
          <ClusterGrid clusters={clusters.data} fetchedAt={clusters.dataUpdatedAt} />}
      </Card>
      <div className="grid gap-4 md:grid-cols-2">
        <Card title="Firing alerts" actions={<Link className="text-sm underline" to="/alerts">All alerts</Link>}>
          {alerts.isPending ? <Spinner /> : alerts.isError ? <ProblemView error={alerts.error} /> :
            alerts.data.items.length === 0 ? <Empty>No alert is firing.</Empty> : (
              <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-700">
                {alerts.data.items.map((a) => (
                  <li key={a.id} className="py-1"><span className="font-semibold">{a.alertname}</span> · {a.severity} · {a.cluster_name ?? 'no cluster'} · {formatTime(a.starts_at)}</li>
                ))}
              </ul>
            )}
        </Card>
        <Card title="Recent intents" actions={<Link className="text-sm underline" to="/intents">All intents</Link>}>
          {intents.isPending ? <Spinner /> : intents.isError ? <ProblemView error={intents.error} /> :
            intents.data.items.length === 0 ? <Empty>No intents yet.</Empty> : (
              <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-700">
                {intents.data.items.map((i) => (
                  <li key={i.id} className="flex items-center justify-between gap-2 py-1">
                    <Link className="underline" to={`/intents/${i.id}`}>{i.text}</Link>
                    <StateBadge state={i.status} />
                  </li>
                ))}
              </ul>
            )}
        </Card>
      </div>
    </div>
  );
}
