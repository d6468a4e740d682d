import { lazy, Suspense, useMemo, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api } from '../api/http';
import type { Cluster, FederatedMetricResponse, MetricSeries } from '../api/types';
import { Button, Card, Empty, Field, inputClass, ProblemView, Spinner } from './ui';

const TimeSeriesChart = lazy(() => import('./TimeSeriesChart'));

const RANGES: Record<string, number> = { '15m': 15, '1h': 60, '6h': 360, '24h': 1440 };

function seriesName(clusterName: string, metric: Record<string, string>) {
  const { __name__: name, ...labels } = metric;
  const text = Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(', ');
  return `${clusterName}: ${name ?? ''}{${text}}`;
}

/**
 * PromQL over the fleet: POST /api/v1/metrics/query (instant) or /query_range, optionally limited to some
 * clusters. Each cluster's status (SUCCESS, ERROR, TIMEOUT, PARTIAL) and error, and the federation's
 * warnings, are shown with the result; range results are drawn, instant ones tabled.
 */
export function PromqlExplorer({ clusters }: { clusters: Cluster[] }) {
  const [promql, setPromql] = useState('up');
  const [mode, setMode] = useState<'instant' | 'range'>('instant');
  const [range, setRange] = useState('1h');
  const [step, setStep] = useState('1m');
  const [picked, setPicked] = useState<string[]>([]);
  const run = useMutation({
    mutationFn: () => {
      const body: Record<string, unknown> = { query: promql, cluster_ids: picked };
      if (mode === 'range') {
        const end = new Date();
        body.start_time = new Date(end.getTime() - RANGES[range] * 60_000).toISOString();
        body.end_time = end.toISOString();
        body.step = step;
      }
      return api<FederatedMetricResponse>(`/api/v1/metrics/${mode === 'range' ? 'query_range' : 'query'}`, { method: 'POST', json: body });
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    run.mutate();
  };

  const rows = useMemo(() => {
    const out: { cluster: string; series: MetricSeries }[] = [];
    for (const result of run.data?.results ?? []) for (const s of result.data) out.push({ cluster: result.cluster_name, series: s });
    return out;
  }, [run.data]);

  const chartSeries = useMemo(
    () => rows.filter((r) => r.series.values.length > 0).map((r) => ({
      name: seriesName(r.cluster, r.series.metric),
      points: r.series.values.map(([t, v]) => [t * 1000, Number(v)] as [number, number]),
    })),
    [rows],
  );

  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));

  return (
    <div className="space-y-4">
      <Card>
        <form onSubmit={submit} className="space-y-3" aria-label="PromQL query">
          <Field label="PromQL">
            <textarea className={`${inputClass} font-mono`} rows={2} value={promql} onChange={(e) => setPromql(e.target.value)} />
          </Field>
          <div className="flex flex-wrap items-end gap-3">
            <Field label="Mode">
              <select className={inputClass} value={mode} onChange={(e) => setMode(e.target.value as 'instant' | 'range')}>
                <option value="instant">instant</option>
                <option value="range">range</option>
              </select>
            </Field>
            {mode === 'range' && (
              <>
                <Field label="Last">
                  <select className={inputClass} value={range} onChange={(e) => setRange(e.target.value)}>
                    {Object.keys(RANGES).map((r) => <option key={r}>{r}</option>)}
                  </select>
                </Field>
                <Field label="Step"><input className={inputClass} value={step} onChange={(e) => setStep(e.target.value)} size={6} /></Field>
              </>
            )}
            <Button type="submit" disabled={run.isPending || !promql.trim()}>Run query</Button>
          </div>
          <fieldset className="text-sm">
            <legend className="font-medium">Clusters (none picked = the whole fleet)</legend>
            <div className="flex flex-wrap gap-3">
              {clusters.map((c) => (
                <label key={c.id} className="flex items-center gap-1">
                  <input type="checkbox" checked={picked.includes(c.id)} onChange={() => toggle(c.id)} /> {c.name}
                </label>
              ))}
              {clusters.length === 0 && <span>No clusters registered.</span>}
            </div>
          </fieldset>
        </form>
      </Card>
      {run.isPending && <Spinner label="Querying…" />}
      <ProblemView error={run.error} />
      {run.data && (
        <>
          <Card title="Per cluster">
            <p className="mb-2 text-sm">{run.data.clusters_succeeded} of {run.data.clusters_queried} clusters answered in {run.data.total_query_time_ms} ms</p>
            {run.data.warnings.length > 0 && (
              <ul aria-label="Warnings" className="mb-2 list-disc pl-5 text-sm text-amber-900 dark:text-amber-200">
                {run.data.warnings.map((w) => <li key={w}>{w}</li>)}
              </ul>
            )}
            <table className="w-full text-left text-sm" aria-label="Cluster results">
              <thead><tr><th>Cluster</th><th>Status</th><th>Series</th><th>Time</th><th>Error</th></tr></thead>
              <tbody>
                {run.data.results.map((r) => (
                  <tr key={r.cluster_id}>
                    <td>{r.cluster_name}</td><td>{r.status}</td><td>{r.data.length}</td><td>{r.query_time_ms} ms</td><td>{r.error ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          {rows.length === 0 ? <Empty>The query returned no series.</Empty> : (
            <>
              {chartSeries.length > 0 && (
                <Card title="Chart">
                  <Suspense fallback={<Spinner label="Loading chart…" />}>
                    <TimeSeriesChart series={chartSeries} label={`Chart of ${promql}`} />
                  </Suspense>
                </Card>
              )}
              <Card title="Series">
                <table className="w-full text-left font-mono text-xs" aria-label="Series">
                  <thead><tr><th>Series</th><th>Value</th></tr></thead>
                  <tbody>
                    {rows.map((r, i) => {
                      const last = r.series.value ?? r.series.values[r.series.values.length - 1];
                      return (
                        <tr key={i}>
                          <td className="break-all">{seriesName(r.cluster, r.series.metric)}</td>
                          <td>{last ? last[1] : '—'}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </Card>
            </>
          )}
        </>
      )}
    </div>
  );
}
