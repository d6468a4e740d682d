import { useAllClusters } from '../api/clusters';
import { PromqlExplorer } from '../components/PromqlExplorer';
import { ProblemView, Spinner } from '../components/ui';

export default function MetricsPage() {
  const clusters = useAllClusters();
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Metrics</h1>
      {clusters.isPending ? <Spinner /> : clusters.isError ? <ProblemView error={clusters.error} /> : <PromqlExplorer clusters={clusters.data} />}
    </div>
  );
}
