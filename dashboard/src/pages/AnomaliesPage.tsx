import { useMemo, useState, type FormEvent } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { useAllClusters } from '../api/clusters';
import { api, query } from '../api/http';
import { ANOMALY_SEVERITIES, ANOMALY_TYPES, SENSITIVITIES } from '../api/types';
import type { AnomalyAnalysis, AnomalyDetection, Cluster, Paged, RcaCompletedEvent, RcaResult } from '../api/types';
import { RequireRole } from '../auth/AuthContext';
import { AnomalyTable, percent, RcaView } from '../components/Analysis';
import { Button, Card, Empty, Field, inputClass, Pager, ProblemView, Spinner } from '../components/ui';
import { useLiveEvents } from '../live/LiveContext';
import { useFormatTime, useRefetchInterval } from '../settings';

const RANGES: Record<string, number> = { '15m': 15, '1h': 60, '6h': 360, '24h': 1440 };
const SINCE: Record<string, number> = { '1h': 60, '24h': 1440, '7d': 10080 };

/** On-demand detection over a PromQL range (`POST /api/v1/analysis/anomaly`), for operators. */
function DetectionForm({ clusters }: { clusters: Cluster[] }) {
  const queries = useQueryClient();
  const [promql, setPromql] = useState('');
  const [range, setRange] = useState('1h');
  const [step, setStep] = useState('15s');
  const [sensitivity, setSensitivity] = useState('MEDIUM');
  const [upperBound, setUpperBound] = useState('');
  const [clusterId, setClusterId] = useState('');
  const names = useMemo(() => Object.fromEntries(clusters.map((c) => [c.id, c.name])), [clusters]);
  const run = useMutation({
    mutationFn: () => {
      const end = new Date();
      return api<AnomalyAnalysis>('/api/v1/analysis/anomaly', {
        method: 'POST',
        json: {
          query: promql,
          cluster_ids: clusterId ? [clusterId] : [],
          start_time: new Date(end.getTime() - RANGES[range] * 60_000).toISOString(),
          end_time: end.toISOString(),
          step,
          sensitivity,
          ...(upperBound.trim() ? { upper_bound: Number(upperBound) } : {}),
        },
      });
    },
    // what was found is stored: the history below shows it too
    onSuccess: () => queries.invalidateQueries({ queryKey: ['anomalies'] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run.mutate();
  };
  return (
    <Card title="Detect anomalies">
      <form aria-label="Anomaly detection" onSubmit={submit} className="space-y-3">
        <Field label="PromQL query">
          <textarea className={`${inputClass} font-mono`} rows={2} value={promql} onChange={(e) => setPromql(e.target.value)} placeholder="DCGM_FI_DEV_GPU_TEMP" />
        </Field>
        <div className="flex flex-wrap items-end gap-3">
          <Field label="Range">
            <select className={inputClass} value={range} onChange={(e) => setRange(e.target.value)}>
              {Object.keys(RANGES).map((r) => <option key={r}>{r}</option>)}
            </select>
          </Field>
          <Field label="Step">
            <select className={inputClass} value={step} onChange={(e) => setStep(e.target.value)}>
              {['1s', '5s', '15s', '1m', '5m'].map((s) => <option key={s}>{s}</option>)}
            </select>
          </Field>
          <Field label="Sensitivity">
            <select className={inputClass} value={sensitivity} onChange={(e) => setSensitivity(e.target.value)}>
              {SENSITIVITIES.map((s) => <option key={s}>{s}</option>)}
            </select>
          </Field>
          <Field label="Upper bound (optional)">
            <input className={inputClass} inputMode="decimal" value={upperBound} onChange={(e) => setUpperBound(e.target.value)} />
          </Field>
          <Field label="Detection cluster">
            <select className={inputClass} value={clusterId} onChange={(e) => setClusterId(e.target.value)}>
              <option value="">all clusters</option>
              {clusters.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </Field>
          <Button type="submit" disabled={run.isPending || !promql.trim()}>{run.isPending ? 'Detecting…' : 'Run detection'}</Button>
        </div>
      </form>
      {run.isError && <div className="mt-3"><ProblemView error={run.error} /></div>}
      {run.data && (
        <div className="mt-3 space-y-2" role="status" aria-label="Detection result">
          <p className="text-sm font-semibold" data-testid="detection-summary" data-series={run.data.series_analyzed} data-points={run.data.points_analyzed} data-anomalies={run.data.anomalies.length}>
            Analysed {run.data.series_analyzed} series, {run.data.points_analyzed} points: {run.data.anomalies.length === 0 ? 'no anomaly' : `${run.data.anomalies.length} anomalies`}.
          </p>
          {run.data.warnings.length > 0 && (
            <ul className="list-disc pl-5 text-sm text-amber-800 dark:text-amber-300" aria-label="Detection warnings">
              {run.data.warnings.map((w) => <li key={w}>{w}</li>)}
            </ul>
          )}
          {run.data.anomalies.length > 0 && <AnomalyTable anomalies={run.data.anomalies} clusterNames={names} label="Detected anomalies" />}
        </div>
      )}
    </Card>
  );
}

/** Root-cause analysis of an alert (by fingerprint) or of a cluster's recent window, for operators. */
function RcaForm({ clusters, alert }: { clusters: Cluster[]; alert: string }) {
  const [kind, setKind] = useState<'alert' | 'window'>(alert ? 'alert' : 'window');
  const [fingerprint, setFingerprint] = useState(alert);
  const [clusterId, setClusterId] = useState('');
  const [span, setSpan] = useState('1h');
  const run = useMutation({
    mutationFn: () => {
      const end = new Date();
      const body = kind === 'alert'
        ? { alert_fingerprint: fingerprint.trim() }
        : { cluster_id: clusterId, start_time: new Date(end.getTime() - RANGES[span] * 60_000).toISOString(), end_time: end.toISOString() };
      return api<RcaResult>('/api/v1/analysis/rca', { method: 'POST', json: body });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run.mutate();
  };
  return (
    <Card title="Root-cause analysis">
      <form aria-label="Root-cause analysis request" onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <Field label="Start from">
          <select className={inputClass} value={kind} onChange={(e) => setKind(e.target.value as 'alert' | 'window')}>
            <option value="window">a cluster's recent window</option>
            <option value="alert">an alert</option>
          </select>
        </Field>
        {kind === 'alert' ? (
          <Field label="Alert fingerprint"><input className={inputClass} value={fingerprint} onChange={(e) => setFingerprint(e.target.value)} /></Field>
        ) : (
          <>
            <Field label="RCA cluster">
              <select className={inputClass} value={clusterId} onChange={(e) => setClusterId(e.target.value)}>
                <option value="">pick a cluster</option>
                {clusters.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
              </select>
            </Field>
            <Field label="Window">
              <select className={inputClass} value={span} onChange={(e) => setSpan(e.target.value)}>
                {['15m', '1h', '6h', '24h'].map((w) => <option key={w}>{w}</option>)}
              </select>
            </Field>
          </>
        )}
        <Button type="submit" disabled={run.isPending || (kind === 'alert' ? !fingerprint.trim() : !clusterId)}>{run.isPending ? 'Analysing…' : 'Find root cause'}</Button>
      </form>
      {run.isError && <div className="mt-3"><ProblemView error={run.error} /></div>}
      {run.data && <div className="mt-3"><RcaView result={run.data} /></div>}
    </Card>
  );
}

/**
 * Anomalies found by the intelligence engine (continuous detection and on-demand runs), filtered and paged;
 * operators run a detection on a PromQL range and a root-cause analysis. ANOMALY_DETECTED refreshes the
 * history; RCA_COMPLETE (anyone's analysis, the continuous one's too) is listed as it arrives.
 */
export default function AnomaliesPage() {
  const [params] = useSearchParams();
  const [clusterId, setClusterId] = useState('');
  const [metricName, setMetricName] = useState('');
  const [anomalyType, setAnomalyType] = useState('');
  const [severity, setSeverity] = useState('');
  const [since, setSince] = useState('');
  const [page, setPage] = useState(1);
  const [liveCount, setLiveCount] = useState(0);
  const [analyses, setAnalyses] = useState<RcaCompletedEvent[]>([]);
  const queries = useQueryClient();
  const refetchInterval = useRefetchInterval();
  const formatTime = useFormatTime();
  const clusters = useAllClusters();
  // the key holds the window ("last 1h"), and each fetch turns it into an instant, so the window rolls
  // forward with every refresh while the cache key stays stable
  const anomalies = useQuery({
    queryKey: ['anomalies', clusterId, metricName, anomalyType, severity, since, page],
    queryFn: () => api<Paged<AnomalyDetection>>(`/api/v1/analysis/anomalies${query({
      cluster_id: clusterId, metric_name: metricName.trim(), anomaly_type: anomalyType, severity,
      since: since ? new Date(Date.now() - SINCE[since] * 60_000).toISOString() : '', page, page_size: 20,
    })}`),
    placeholderData: keepPreviousData,
    refetchInterval,
  });
  useLiveEvents(['ANOMALY_DETECTED'], () => {
    setLiveCount((n) => n + 1);
    queries.invalidateQueries({ queryKey: ['anomalies'] });
  });
  useLiveEvents(['RCA_COMPLETE'], (event) => {
    const payload = event.payload as unknown as RcaCompletedEvent;
    setAnalyses((list) => [payload, ...list.filter((a) => a.analysis_id !== payload.analysis_id)].slice(0, 5));
  });
  const clusterList = clusters.data ?? [];
  const names = useMemo(() => Object.fromEntries(clusterList.map((c) => [c.id, c.name])), [clusterList]);
  const filter = <T,>(set: (v: T) => void) => (v: T) => { set(v); setPage(1); };

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Anomalies</h1>
      <RequireRole role="operator">
        <DetectionForm clusters={clusterList} />
        <RcaForm clusters={clusterList} alert={params.get('alert') ?? ''} />
      </RequireRole>
      {analyses.length > 0 && (
        <Card title="Root-cause analyses just completed">
          <ul className="space-y-2 text-sm" aria-label="Completed analyses">
            {analyses.map((a) => (
              <li key={a.analysis_id}>
                <p><span className="font-semibold">{a.summary}</span> · confidence {percent(a.confidence_score)}</p>
                {a.probable_causes.length > 0 && <p>{a.probable_causes[0]}</p>}
                {a.recommendations[0] && <p>Recommendation: {a.recommendations[0]}</p>}
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card title="History">
        <div className="flex flex-wrap items-end gap-3">
          <Field label="Cluster">
            <select className={inputClass} value={clusterId} onChange={(e) => filter(setClusterId)(e.target.value)}>
              <option value="">any</option>
              {clusterList.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </Field>
          <Field label="Metric name"><input className={inputClass} value={metricName} onChange={(e) => filter(setMetricName)(e.target.value)} /></Field>
          <Field label="Type">
            <select className={inputClass} value={anomalyType} onChange={(e) => filter(setAnomalyType)(e.target.value)}>
              <option value="">any</option>
              {ANOMALY_TYPES.map((t) => <option key={t}>{t}</option>)}
            </select>
          </Field>
          <Field label="Severity">
            <select className={inputClass} value={severity} onChange={(e) => filter(setSeverity)(e.target.value)}>
              <option value="">any</option>
              {ANOMALY_SEVERITIES.map((s) => <option key={s}>{s}</option>)}
            </select>
          </Field>
          <Field label="Since">
            <select className={inputClass} value={since} onChange={(e) => {
              const v = e.target.value;
              setSince(v);
              setPage(1);
            }}>
              <option value="">any time</option>
              {Object.keys(SINCE).map((s) => <option key={s} value={s}>last {s}</option>)}
            </select>
          </Field>
          {liveCount > 0 && <p className="text-sm" role="status">{liveCount} detected live since you opened this page · last refreshed {formatTime(new Date(anomalies.dataUpdatedAt).toISOString())}</p>}
        </div>
      </Card>
      {anomalies.isPending ? <Spinner /> : anomalies.isError ? <ProblemView error={anomalies.error} /> : anomalies.data.items.length === 0 ? (
        <Empty>No anomalies{clusterId || metricName || anomalyType || severity || since ? ' match these filters' : ' yet'}.</Empty>
      ) : (
        <Card>
          <AnomalyTable anomalies={anomalies.data.items} clusterNames={names} label="Anomalies" />
          <Pager page={anomalies.data.page} totalPages={anomalies.data.total_pages} onPage={setPage} />
        </Card>
      )}
    </div>
  );
}
