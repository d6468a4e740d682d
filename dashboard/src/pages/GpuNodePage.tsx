import type { ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/http';
import type { GpuNode } from '../api/types';
import { Card, Empty, ProblemView, Spinner } from '../components/ui';
import { useLiveEvents } from '../live/LiveContext';
import { useFormatTime, useRefetchInterval } from '../settings';
import { applyGpuUpdate, memory, power, reading, temperatureStyle, Utilisation } from './gpu';

function Reading({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-700 dark:text-slate-300">{label}</dt>
      <dd className="font-medium">{children}</dd>
    </>
  );
}

/** One node's GPUs (`GET /api/v1/gpu/nodes/{cluster_id}/{node_name}`), every reading and process, live on GPU_UPDATE. */
export default function GpuNodePage() {
  const { clusterId = '', nodeName = '' } = useParams();
  const queries = useQueryClient();
  const refetchInterval = useRefetchInterval();
  const formatTime = useFormatTime();
  const node = useQuery({
    queryKey: ['gpu', 'node', clusterId, nodeName],
    queryFn: () => api<GpuNode>(`/api/v1/gpu/nodes/${encodeURIComponent(clusterId)}/${encodeURIComponent(nodeName)}`),
    refetchInterval,
  });
  useLiveEvents(['GPU_UPDATE'], (event) => applyGpuUpdate(queries, event));

  return (
    <div className="space-y-4">
      <p className="text-sm"><Link className="underline" to="/gpus">All GPUs</Link></p>
      <h1 className="text-xl font-semibold">{nodeName}</h1>
      {node.isPending ? <Spinner /> : node.isError ? <ProblemView error={node.error} /> : (
        <>
          <p className="text-sm">
            Cluster <Link className="underline" to={`/clusters/${node.data.cluster_id}`}>{node.data.cluster_name ?? node.data.cluster_id}</Link>
            {' · '}updated <span data-testid="gpu-node-updated">{formatTime(node.data.last_updated)}</span>
          </p>
          {node.data.gpus.length === 0 ? <Empty>This node reports no GPUs now.</Empty> : (
            <div className="grid gap-4 lg:grid-cols-2">
              {node.data.gpus.map((g) => (
                <Card key={g.uuid} title={`GPU ${g.index}: ${g.name ?? 'unknown'}`}>
                  <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm" aria-label={`GPU ${g.index} readings`}>
                    <Reading label="Utilisation"><Utilisation percent={g.utilization_gpu_percent} /></Reading>
                    <Reading label="Memory utilisation">{reading(g.utilization_memory_percent, '%')}</Reading>
                    <Reading label="Memory used / total">{memory(g.memory_used_mb, g.memory_total_mb)}</Reading>
                    <Reading label="Memory free">{memory(g.memory_free_mb, null)}</Reading>
                    <Reading label="Temperature"><span className={temperatureStyle(g.temperature_celsius)}>{reading(g.temperature_celsius, ' °C')}</span></Reading>
                    <Reading label="Power draw / limit">{power(g.power_draw_watts, g.power_limit_watts)}</Reading>
                    <Reading label="Fan">{reading(g.fan_speed_percent, '%')}</Reading>
                    <Reading label="Driver / CUDA">{g.driver_version ?? '—'} / {g.cuda_version ?? '—'}</Reading>
                    <Reading label="UUID"><code className="text-xs">{g.uuid}</code></Reading>
                  </dl>
                  <h3 className="mt-3 text-sm font-semibold">Processes</h3>
                  {g.processes.length === 0 ? <p className="text-sm">None.</p> : (
                    <table className="w-full text-left text-sm" aria-label={`GPU ${g.index} processes`}>
                      <thead><tr><th>Process</th><th>PID</th><th>Type</th><th>Memory</th></tr></thead>
                      <tbody>
                        {g.processes.map((p) => (
                          <tr key={p.pid} className="border-b border-slate-100 dark:border-slate-700">
                            <td className="py-1">{p.process_name}</td><td>{p.pid}</td><td>{p.type}</td><td>{memory(p.used_memory_mb, null)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </Card>
              ))}
            </div>
          )}
        </>
      )}
    </div>
  );
}
