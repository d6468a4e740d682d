import type { QueryClient } from '@tanstack/react-query';
import type { GpuNode, StreamEvent } from '../api/types';

// Shared by the GPU fleet page and the node page: number formatting (a reading the board does not expose
// is null and shows as a dash, never as 0) and how a GPU_UPDATE lands in the cached answers.

export function reading(value: number | null | undefined, unit: string, digits = 0): string {
  return value === null || value === undefined ? '—' : `${value.toFixed(digits)}${unit}`;
}

export function memory(used: number | null | undefined, total: number | null | undefined): string {
  if (used === null || used === undefined) return total ? `— / ${gib(total)}` : '—';
  return total ? `${gib(used)} / ${gib(total)}` : gib(used);
}

function gib(mb: number): string {
  return mb >= 1024 ? `${(mb / 1024).toFixed(1)} GiB` : `${mb} MiB`;
}

export function power(draw: number | null | undefined, limit: number | null | undefined): string {
  if (draw === null || draw === undefined) return '—';
  return limit ? `${draw.toFixed(0)} / ${limit.toFixed(0)} W` : `${draw.toFixed(0)} W`;
}

/** Hot enough to look at: the thresholds DCGM's default health watches use for data-centre boards. */
export function temperatureStyle(celsius: number | null | undefined): string {
  if (celsius === null || celsius === undefined) return '';
  if (celsius >= 85) return 'font-semibold text-red-800 dark:text-red-300';
  if (celsius >= 75) return 'font-semibold text-amber-800 dark:text-amber-300';
  return '';
}

/** A horizontal bar with its percentage as text (the bar itself is decoration). */
export function Utilisation({ percent }: { percent: number | null | undefined }) {
  if (percent === null || percent === undefined) return <span>—</span>;
  const width = Math.max(0, Math.min(100, percent));
  const colour = width >= 90 ? 'bg-red-600' : width >= 60 ? 'bg-amber-500' : 'bg-green-600';
  return (
    <span className="flex items-center gap-2">
      <span className="inline-block h-2 w-20 overflow-hidden rounded bg-slate-200 dark:bg-slate-700" aria-hidden="true">
        <span className={`block h-2 ${colour}`} style={{ width: `${width}%` }} />
      </span>
      <span className="tabular-nums">{percent.toFixed(0)}%</span>
    </span>
  );
}

export const nodeKey = (n: { cluster_id: string; node_name: string }) => `${n.cluster_id}/${n.node_name}`;

/**
 * A GPU_UPDATE carries the whole node: it replaces the node in every cached node list whose cluster filter
 * it matches (added when the list did not have it yet) and the node page's answer; the fleet totals and
 * the process list are refetched, since one node's change moves them.
 */
export function applyGpuUpdate(queries: QueryClient, event: StreamEvent) {
  const node = event.payload as unknown as GpuNode;
  if (!node || typeof node.node_name !== 'string' || typeof node.cluster_id !== 'string') return;
  for (const [key, list] of queries.getQueriesData<GpuNode[]>({ queryKey: ['gpu', 'nodes'] })) {
    if (!list) continue;
    const filter = key[2];
    if (filter && filter !== node.cluster_id) continue;
    queries.setQueryData<GpuNode[]>(key, mergeNode(list, node));
  }
  queries.setQueryData<GpuNode>(['gpu', 'node', node.cluster_id, node.node_name], (old) => (old ? node : old));
  queries.invalidateQueries({ queryKey: ['gpu', 'summary'] });
  queries.invalidateQueries({ queryKey: ['gpu', 'processes'] });
}

export function mergeNode(list: GpuNode[], node: GpuNode): GpuNode[] {
  const key = nodeKey(node);
  const at = list.findIndex((n) => nodeKey(n) === key);
  if (at >= 0) return list.map((n, i) => (i === at ? node : n));
  const merged = [...list, node];
  merged.sort((a, b) => String(a.cluster_name).localeCompare(String(b.cluster_name)) || a.node_name.localeCompare(b.node_name));
  return merged;
}
