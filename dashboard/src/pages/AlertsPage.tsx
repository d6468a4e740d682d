import { useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, query } from '../api/http';
import type { Alert, AlertHistoryEntry, Paged } from '../api/types';
import { Card, Empty, Field, inputClass, Pager, ProblemView, Spinner } from '../components/ui';
import { RequireRole } from '../auth/AuthContext';
import { useLiveEvents } from '../live/LiveContext';
import { useFormatTime, useRefetchInterval } from '../settings';

const SEVERITY_STYLE: Record<string, string> = {
  CRITICAL: 'text-red-800 dark:text-red-300',
  WARNING: 'text-amber-800 dark:text-amber-300',
  INFO: 'text-slate-800 dark:text-slate-200',
};

export default function AlertsPage() {
  const [view, setView] = useState<'active' | 'history'>('active');
  const [severity, setSeverity] = useState('');
  const [state, setState] = useState('');
  const [alertname, setAlertname] = useState('');
  const [page, setPage] = useState(1);
  const formatTime = useFormatTime();
  const refetchInterval = useRefetchInterval();
  const queries = useQueryClient();
  const alerts = useQuery({
    queryKey: ['alerts', view, severity, state, alertname, page],
    // the history lists transitions (AlertHistoryEntry): no id, labels or annotations, a recorded_at instead
    queryFn: () => api<Paged<Alert | AlertHistoryEntry>>(`/api/v1/alerts${view === 'history' ? '/history' : ''}${query({ severity, state, alertname, page, page_size: 20 })}`),
    placeholderData: keepPreviousData,
    refetchInterval,
  });
  useLiveEvents(['ALERT_FIRED', 'ALERT_RESOLVED'], () => queries.invalidateQueries({ queryKey: ['alerts'] }));

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Alerts</h1>
      <Card>
        <div className="flex flex-wrap items-end gap-3">
          <div role="tablist" aria-label="Alert view" className="flex gap-1">
            {(['active', 'history'] as const).map((v) => (
              <button key={v} role="tab" aria-selected={view === v} type="button" onClick={() => { setView(v); setPage(1); }}
                className={`rounded px-3 py-1 text-sm ${view === v ? 'bg-blue-700 text-white' : 'border border-slate-400'}`}>{v === 'active' ? 'Active' : 'History'}</button>
            ))}
          </div>
          <Field label="Severity">
            <select className={inputClass} value={severity} onChange={(e) => { setSeverity(e.target.value); setPage(1); }}>
              <option value="">any</option><option>CRITICAL</option><option>WARNING</option><option>INFO</option>
            </select>
          </Field>
          <Field label="State">
            <select className={inputClass} value={state} onChange={(e) => { setState(e.target.value); setPage(1); }}>
              <option value="">any</option><option>FIRING</option><option>RESOLVED</option><option>PENDING</option>
            </select>
          </Field>
          <Field label="Alert name"><input className={inputClass} value={alertname} onChange={(e) => { setAlertname(e.target.value); setPage(1); }} /></Field>
        </div>
      </Card>
      {alerts.isPending ? <Spinner /> : alerts.isError ? <ProblemView error={alerts.error} /> : alerts.data.items.length === 0 ? <Empty>No alerts.</Empty> : (
        <Card>
          <table className="w-full text-left text-sm" aria-label="Alerts">
            <thead><tr><th>Alert</th><th>Severity</th><th>State</th><th>Cluster</th><th>Started</th><th>Ended</th><th><span className="sr-only">Analysis</span></th></tr></thead>
            <tbody>
              {alerts.data.items.map((a) => (
                <tr key={'id' in a ? a.id : `${a.cluster_id}/${a.fingerprint}/${a.state}/${a.recorded_at}`} data-alertname={a.alertname} className="border-b border-slate-100 align-top dark:border-slate-700">
                  <td className="py-1">
                    <span className="font-semibold">{a.alertname}</span>
                    {'annotations' in a && a.annotations?.summary && <span className="block text-xs">{a.annotations.summary}</span>}
                  </td>
                  <td className={`font-semibold ${SEVERITY_STYLE[a.severity] ?? ''}`}>{a.severity}</td>
                  <td>{a.state}</td>
                  <td>{a.cluster_name ?? '—'}</td>
                  <td>{formatTime(a.starts_at)}</td>
                  <td>{formatTime(a.ends_at)}</td>
                  <td>
                    <RequireRole role="operator">
                      <Link className="underline" to={`/anomalies?alert=${encodeURIComponent(a.fingerprint)}`}>Root cause</Link>
                    </RequireRole>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={alerts.data.page} totalPages={alerts.data.total_pages} onPage={setPage} />
        </Card>
      )}
    </div>
  );
}
