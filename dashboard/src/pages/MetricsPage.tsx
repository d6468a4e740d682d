import { useQuery } from '@tanstack/react-query';
import { api } from '../api/http';
import type { Cluster, Paged } from '../api/types';
import { PromqlExplorer } from '../components/PromqlExplorer';
import { ProblemView, Spinner } from '../components/ui';

export default function MetricsPage() {
  const clusters = useQuery({ queryKey: ['clusters', 'all'], queryFn: () => api<Paged<Cluster>>('/api/v1/clusters?page_size=100&sort=name') });
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Metrics</h1>
      {clusters.isPending ? <Spinner /> : clusters.isError ? <ProblemView error={clusters.error} /> : <PromqlExplorer clusters={clusters.data.items} />}
    </div>
  );
}
