import { Fragment, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useAllClusters } from '../api/clusters';
import { api, query } from '../api/http';
import type { GpuFleetSummary, GpuNode, GpuProcessView } from '../api/types';
import { Card, Empty, Field, inputClass, ProblemView, Spinner } from '../components/ui';
import { useLiveEvents } from '../live/LiveContext';
import { useFormatTime, useRefetchInterval } from '../settings';
import { applyGpuUpdate, memory, nodeKey, power, reading, temperatureStyle, Utilisation } from './gpu';

function Tile({ label, value, detail }: { label: string; value: string | number; detail?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-700 dark:bg-slate-800">
      <p className="text-xs uppercase tracking-wide text-slate-700 dark:text-slate-300">{label}</p>
      <p className="text-2xl font-semibold">{value}</p>
      {detail && <p className="text-xs text-slate-700 dark:text-slate-300">{detail}</p>}
    </div>
  );
}

export function nodePath(n: { cluster_id: string; node_name: string }) {
  return `/gpus/${encodeURIComponent(n.cluster_id)}/${encodeURIComponent(n.node_name)}`;
}

/**
 * The fleet's GPUs from the collector (`/api/v1/gpu/*`): totals, one row per GPU grouped by node, the
 * processes holding a GPU. GPU_UPDATE replaces a node's row in place; the totals follow.
 */
export default function GpusPage() {
  const [clusterId, setClusterId] = useState('');
  const queries = useQueryClient();
  const refetchInterval = useRefetchInterval();
  const formatTime = useFormatTime();
  const clusters = useAllClusters();
  const summary = useQuery({
    queryKey: ['gpu', 'summary'],
    queryFn: () => api<GpuFleetSummary>('/api/v1/gpu/summary'),
    refetchInterval,
  });
  const nodes = useQuery({
    queryKey: ['gpu', 'nodes', clusterId],
    queryFn: () => api<GpuNode[]>(`/api/v1/gpu/nodes${query({ cluster_id: clusterId })}`),
    refetchInterval,
  });
  const processes = useQuery({
    queryKey: ['gpu', 'processes', clusterId],
    queryFn: () => api<GpuProcessView[]>(`/api/v1/gpu/processes${query({ cluster_id: clusterId })}`),
    refetchInterval,
  });
  useLiveEvents(['GPU_UPDATE'], (event) => applyGpuUpdate(queries, event));

  const s = summary.data;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">GPUs</h1>
      {summary.isPending ? <Spinner /> : summary.isError ? <ProblemView error={summary.error} /> : s && (
        <>
          <div className="grid grid-cols-2 gap-3 md:grid-cols-4" aria-label="GPU summary">
            <Tile label="GPUs" value={s.gpu_count} detail={`${s.node_count} nodes in ${s.cluster_count} clusters`} />
            <Tile label="Average utilisation" value={reading(s.avg_utilization_percent, '%')} detail={`memory ${reading(s.avg_memory_utilization_percent, '%')}`} />
            <Tile label="Memory in use" value={memory(s.memory_used_mb, s.memory_total_mb)} />
            <Tile label="Processes" value={s.process_count} detail={`${s.idle_gpus.length} idle GPUs`} />
          </div>
          {s.clusters_failed.length > 0 && (
            <div role="alert" className="rounded border border-amber-400 bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
              <p className="font-semibold">Some clusters' GPUs could not be read</p>
              <ul className="list-disc pl-5">{s.clusters_failed.map((f) => <li key={f}>{f}</li>)}</ul>
            </div>
          )}
          {s.gpu_count > 0 && (
            <div className="grid gap-4 md:grid-cols-2">
              <Card title="By product">
                <ul className="text-sm">
                  {Object.entries(s.gpus_by_type).map(([product, count]) => <li key={product}>{product}: <span className="font-semibold">{count}</span></li>)}
                </ul>
              </Card>
              <Card title="Hottest">
                <ul className="text-sm">
                  {s.hottest.map((g) => (
                    <li key={g.uuid}>
                      <Link className="underline" to={nodePath(g)}>{g.cluster_name ?? g.cluster_id} / {g.node_name}</Link> GPU {g.index}:{' '}
                      <span className={temperatureStyle(g.temperature_celsius)}>{reading(g.temperature_celsius, ' °C')}</span>, {reading(g.utilization_gpu_percent, '%')}
                    </li>
                  ))}
                </ul>
              </Card>
            </div>
          )}
        </>
      )}
      <Card>
        <Field label="Cluster">
          <select className={inputClass} value={clusterId} onChange={(e) => setClusterId(e.target.value)}>
            <option value="">all clusters</option>
            {clusters.data?.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </Field>
      </Card>
      {nodes.isPending ? <Spinner /> : nodes.isError ? <ProblemView error={nodes.error} /> : nodes.data.length === 0 ? (
        <Empty>
          No GPU nodes{clusterId ? ' in this cluster' : ' in the fleet'}. A cluster's GPUs appear here when its Prometheus has NVIDIA
          DCGM exporter metrics, or when the collector can run nvidia-smi in its GPU driver pods.
        </Empty>
      ) : (
        <Card title="Nodes">
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" aria-label="GPU nodes">
              <thead><tr><th>Node</th><th>GPU</th><th>Utilisation</th><th>Memory</th><th>Temperature</th><th>Power</th><th>Processes</th></tr></thead>
              <tbody>
                {nodes.data.map((n) => (
                  <Fragment key={nodeKey(n)}>
                    <tr className="border-t border-slate-300 dark:border-slate-600" data-testid={`gpu-node-${n.node_name}`}>
                      <th scope="rowgroup" colSpan={7} className="pt-2 text-left">
                        <Link className="underline" to={nodePath(n)}>{n.node_name}</Link>
                        <span className="ml-2 font-normal text-slate-700 dark:text-slate-300">{n.cluster_name ?? n.cluster_id} · {n.gpus.length} GPUs · updated {formatTime(n.last_updated)}</span>
                      </th>
                    </tr>
                    {n.gpus.map((g) => (
                      <tr key={g.uuid} className="border-b border-slate-100 align-top dark:border-slate-700" data-testid={`gpu-${g.uuid}`}>
                        <td />
                        <td className="py-1">{g.index}: {g.name ?? 'unknown'}</td>
                        <td><Utilisation percent={g.utilization_gpu_percent} /></td>
                        <td>{memory(g.memory_used_mb, g.memory_total_mb)}</td>
                        <td className={temperatureStyle(g.temperature_celsius)}>{reading(g.temperature_celsius, ' °C')}</td>
                        <td>{power(g.power_draw_watts, g.power_limit_watts)}</td>
                        <td>{g.processes.length}</td>
                      </tr>
                    ))}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
      <Card title="Processes">
        {processes.isPending ? <Spinner /> : processes.isError ? <ProblemView error={processes.error} /> : processes.data.length === 0 ? <Empty>No process holds a GPU.</Empty> : (
          <table className="w-full text-left text-sm" aria-label="GPU processes">
            <thead><tr><th>Process</th><th>PID</th><th>Type</th><th>Memory</th><th>Node</th><th>GPU</th></tr></thead>
            <tbody>
              {processes.data.map((p) => (
                <tr key={`${p.gpu_uuid}/${p.pid}`} className="border-b border-slate-100 dark:border-slate-700">
                  <td className="py-1 font-semibold">{p.process_name}</td>
                  <td>{p.pid}</td>
                  <td>{p.type}</td>
                  <td>{memory(p.used_memory_mb, null)}</td>
                  <td><Link className="underline" to={nodePath(p)}>{p.cluster_name ?? p.cluster_id} / {p.node_name}</Link></td>
                  <td>{p.gpu_index}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
