import { Link } from 'react-router-dom';
import type { AnomalyDetection, Explanation, RcaEvidence, RcaResult } from '../api/types';
import { useFormatTime } from '../settings';

// The pieces the anomaly pages share: an anomaly table, an RCA result with its ranked causes and evidence,
// and an explanation.

const SEVERITY_STYLE: Record<string, string> = {
  HIGH: 'text-red-800 dark:text-red-300',
  MEDIUM: 'text-amber-800 dark:text-amber-300',
  LOW: 'text-slate-800 dark:text-slate-200',
};

export function percent(value: number | null | undefined, digits = 0) {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(digits)}%`;
}

function number(value: number | null | undefined) {
  if (value === null || value === undefined) return '—';
  return Math.abs(value) >= 1000 || Number.isInteger(value) ? value.toFixed(0) : value.toPrecision(4);
}

export function seriesText(a: Pick<AnomalyDetection, 'metric_name' | 'labels'>) {
  const labels = Object.entries(a.labels).filter(([k]) => k !== '__name__').map(([k, v]) => `${k}="${v}"`).join(', ');
  return labels ? `${a.metric_name}{${labels}}` : a.metric_name;
}

export function AnomalyTable({ anomalies, clusterNames, label }: { anomalies: AnomalyDetection[]; clusterNames: Record<string, string>; label: string }) {
  const formatTime = useFormatTime();
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label={label}>
        <thead><tr><th>Detected</th><th>Cluster</th><th>Series</th><th>Type</th><th>Severity</th><th>Confidence</th><th>Expected → actual</th><th>Deviation</th></tr></thead>
        <tbody>
          {anomalies.map((a) => (
            <tr key={a.id} className="border-b border-slate-100 align-top dark:border-slate-700">
              <td className="py-1"><Link className="underline" to={`/anomalies/${a.id}`}>{formatTime(a.detected_at)}</Link></td>
              <td>{clusterNames[a.cluster_id] ?? a.cluster_id}</td>
              <td><code className="break-all text-xs">{seriesText(a)}</code></td>
              <td>{a.anomaly_type}</td>
              <td className={`font-semibold ${SEVERITY_STYLE[a.severity] ?? ''}`}>{a.severity}</td>
              <td>{percent(a.confidence_score)}</td>
              <td className="tabular-nums">{number(a.expected_value)} → {number(a.actual_value)}</td>
              <td className="tabular-nums">{a.deviation_percent === null || a.deviation_percent === undefined ? '—' : `${a.deviation_percent.toFixed(0)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Where a piece of evidence can be looked at in the console, if it has a page. */
function evidenceLink(reference: string | null | undefined): string | null {
  if (!reference) return null;
  const [kind, ...rest] = reference.split(':');
  const id = rest.join(':');
  if (!id) return null;
  switch (kind) {
    case 'anomaly': return `/anomalies/${encodeURIComponent(id)}`;
    case 'intent': return `/intents/${encodeURIComponent(id)}`;
    case 'alert': return `/alerts`;
    case 'package_revision': return '/packages';
    default: return null;
  }
}

function Evidence({ evidence }: { evidence: RcaEvidence }) {
  const formatTime = useFormatTime();
  const to = evidenceLink(evidence.reference);
  return (
    <li>
      <span className="font-medium">{evidence.kind}</span>: {to ? <Link className="underline" to={to}>{evidence.name}</Link> : evidence.name}
      {evidence.at && <span className="text-slate-700 dark:text-slate-300"> · {formatTime(evidence.at)}</span>}
    </li>
  );
}

/** A root-cause analysis: its summary, then the candidate causes most likely first, each with its evidence. */
export function RcaView({ result }: { result: RcaResult }) {
  const formatTime = useFormatTime();
  return (
    <section aria-label="Root-cause analysis" className="space-y-2 text-sm">
      <p className="font-semibold">{result.summary}</p>
      <p className="text-slate-700 dark:text-slate-300">
        {result.cluster_name ?? 'no cluster'} · {formatTime(result.window_start)} – {formatTime(result.window_end)} ·{' '}
        {result.objects_considered} objects, {result.signals_considered} signals considered ·{' '}
        {result.explanation_source === 'TEMPLATE' ? 'explained from templates (no language model)' : `explained by ${result.explanation_source}`}
      </p>
      {result.warnings.length > 0 && (
        <ul className="list-disc pl-5 text-amber-800 dark:text-amber-300" aria-label="RCA warnings">
          {result.warnings.map((w) => <li key={w}>{w}</li>)}
        </ul>
      )}
      {result.causes.length === 0 ? <p>No candidate cause: nothing in the window points at an object.</p> : (
        <ol className="space-y-2" aria-label="Candidate causes">
          {result.causes.map((c) => (
            <li key={c.object_id} data-rank={c.rank} className="rounded border border-slate-200 p-2 dark:border-slate-700">
              <p>
                <span className="font-semibold">#{c.rank} {c.object_id}</span> ({c.object_kind}) · confidence {percent(c.confidence)}
                {c.explained_objects > 0 && ` · explains ${c.explained_objects} affected objects`}
              </p>
              <p>{c.explanation}</p>
              {c.recommendation && <p><span className="font-medium">Recommendation:</span> {c.recommendation}</p>}
              {c.evidence.length > 0 && <ul className="list-disc pl-5" aria-label={`Evidence for ${c.object_id}`}>{c.evidence.map((e, i) => <Evidence key={`${e.reference ?? e.name}-${i}`} evidence={e} />)}</ul>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function ExplanationView({ explanation }: { explanation: Explanation }) {
  return (
    <section aria-label="Explanation" className="space-y-1 text-sm">
      <p>{explanation.explanation}</p>
      {explanation.probable_cause && <p><span className="font-medium">Probable cause:</span> {explanation.probable_cause} ({percent(explanation.confidence)})</p>}
      <p className="text-xs text-slate-700 dark:text-slate-300">{explanation.source === 'TEMPLATE' ? 'Written from templates (no language model).' : `Written by ${explanation.source}.`}</p>
    </section>
  );
}
