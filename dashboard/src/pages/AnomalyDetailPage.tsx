import { lazy, Suspense, useMemo } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/http';
import type { AnomalyDetection, Cluster, Explanation, FederatedMetricResponse, RcaResult } from '../api/types';
import { RequireRole } from '../auth/AuthContext';
import { ExplanationView, percent, RcaView, seriesText } from '../components/Analysis';
import type { ChartSeries } from '../components/TimeSeriesChart';
import { Button, Card, Empty, ProblemView, Spinner } from '../components/ui';
import { useFormatTime } from '../settings';

const TimeSeriesChart = lazy(() => import('../components/TimeSeriesChart'));
const AROUND_MS = 30 * 60_000;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/**
 * The series an anomaly was found in, as PromQL: the metric with its labels when the name is a metric name,
 * else the stored name itself (a detection on an expression without __name__ stores the expression).
 */
export function seriesQuery(a: Pick<AnomalyDetection, 'metric_name' | 'labels'>): string {
  if (!METRIC_NAME.test(a.metric_name)) return a.metric_name;
  const labels = Object.entries(a.labels)
    .filter(([k]) => k !== '__name__' && k !== 'cluster')
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
  return labels.length ? `${a.metric_name}{${labels.join(',')}}` : a.metric_name;
}

/** The lines to draw from a federated range answer: one per returned series with points, times in ms. */
export function chartSeries(answer: FederatedMetricResponse | undefined, metricName: string): ChartSeries[] {
  return (answer?.results ?? []).flatMap((r) => r.data.map((s, i) => ({
    name: i === 0 ? metricName : `${metricName} #${i + 1}`,
    points: s.values.map(([t, v]) => [t * 1000, Number(v)] as [number, number]),
  }))).filter((s) => s.points.length > 0);
}

function AnomalyChart({ anomaly }: { anomaly: AnomalyDetection }) {
  const at = new Date(anomaly.detected_at).getTime();
  const end = Math.min(at + AROUND_MS, Date.now());
  const range = useQuery({
    queryKey: ['anomaly-range', anomaly.id],
    queryFn: () => api<FederatedMetricResponse>('/api/v1/metrics/query_range', {
      method: 'POST',
      json: { query: seriesQuery(anomaly), cluster_ids: [anomaly.cluster_id], start_time: new Date(at - AROUND_MS).toISOString(), end_time: new Date(end).toISOString(), step: '30s' },
    }),
  });
  const series = useMemo(() => chartSeries(range.data, anomaly.metric_name), [range.data, anomaly.metric_name]);
  if (range.isPending) return <Spinner label="Loading the series…" />;
  if (range.isError) return <ProblemView error={range.error} />;
  const failed = range.data.results.find((r) => r.status !== 'SUCCESS');
  if (series.length === 0) return <Empty>The cluster's Prometheus has no data for this series around the anomaly{failed?.error ? ` (${failed.error})` : ''}.</Empty>;
  return (
    <Suspense fallback={<Spinner label="Loading chart…" />}>
      <TimeSeriesChart series={series} label={`${anomaly.metric_name} 30 minutes either side of the anomaly`} />
    </Suspense>
  );
}

/** One anomaly: what was expected and seen, its series around the moment, and for operators explain / RCA. */
export default function AnomalyDetailPage() {
  const { id = '' } = useParams();
  const formatTime = useFormatTime();
  const anomaly = useQuery({ queryKey: ['anomalies', 'one', id], queryFn: () => api<AnomalyDetection>(`/api/v1/analysis/anomalies/${encodeURIComponent(id)}`) });
  const cluster = useQuery({
    queryKey: ['clusters', anomaly.data?.cluster_id],
    queryFn: () => api<Cluster>(`/api/v1/clusters/${anomaly.data?.cluster_id}`),
    enabled: Boolean(anomaly.data?.cluster_id),
  });
  const explain = useMutation({ mutationFn: () => api<Explanation>('/api/v1/analysis/explain', { method: 'POST', json: { anomaly_id: id } }) });
  const rca = useMutation({ mutationFn: () => api<RcaResult>('/api/v1/analysis/rca', { method: 'POST', json: { anomaly_id: id } }) });

  return (
    <div className="space-y-4">
      <p className="text-sm"><Link className="underline" to="/anomalies">All anomalies</Link></p>
      <h1 className="text-xl font-semibold">Anomaly</h1>
      {anomaly.isPending ? <Spinner /> : anomaly.isError ? <ProblemView error={anomaly.error} /> : (
        <>
          <Card title={`${anomaly.data.anomaly_type} · ${anomaly.data.severity}`}>
            <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
              <dt>Series</dt><dd><code className="break-all text-xs">{seriesText(anomaly.data)}</code></dd>
              <dt>Cluster</dt><dd><Link className="underline" to={`/clusters/${anomaly.data.cluster_id}`}>{cluster.data?.name ?? anomaly.data.cluster_id}</Link></dd>
              <dt>Detected</dt><dd>{formatTime(anomaly.data.detected_at)} ({anomaly.data.detection_type})</dd>
              <dt>Confidence</dt><dd>{percent(anomaly.data.confidence_score)}</dd>
              <dt>Expected → actual</dt><dd>{anomaly.data.expected_value ?? '—'} → {anomaly.data.actual_value ?? '—'} ({anomaly.data.deviation_percent?.toFixed(0) ?? '—'}%)</dd>
              <dt>Related alerts</dt><dd>{anomaly.data.related_alerts.length ? anomaly.data.related_alerts.join(', ') : 'none'}</dd>
            </dl>
            {anomaly.data.explanation && <p className="mt-2 text-sm">{anomaly.data.explanation}</p>}
          </Card>
          <Card title="Series around the anomaly"><AnomalyChart anomaly={anomaly.data} /></Card>
          <RequireRole role="operator">
            <Card title="Cause" actions={
              <div className="flex gap-2">
                <Button variant="secondary" disabled={explain.isPending} onClick={() => explain.mutate()}>Explain</Button>
                <Button disabled={rca.isPending} onClick={() => rca.mutate()}>{rca.isPending ? 'Analysing…' : 'Find root cause'}</Button>
              </div>
            }>
              {!explain.data && !rca.data && !explain.isError && !rca.isError && <p className="text-sm">Explain the anomaly, or rank the objects that could have caused it.</p>}
              {explain.isError && <ProblemView error={explain.error} />}
              {explain.data && <ExplanationView explanation={explain.data} />}
              {rca.isError && <ProblemView error={rca.error} />}
              {rca.data && <div className="mt-3"><RcaView result={rca.data} /></div>}
            </Card>
          </RequireRole>
        </>
      )}
    </div>
  );
}
