import { lazy, Suspense, useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../api/http';
import type { Cluster, Paged } from '../api/types';
import { RequireRole } from '../auth/AuthContext';
import { ClusterForm } from '../components/ClusterForm';
import { Button, Card, Empty, Field, inputClass, ProblemView, Spinner, StateBadge } from '../components/ui';
import { useLiveEvents } from '../live/LiveContext';
import { useFormatTime, useRefetchInterval } from '../settings';

const TimeSeriesChart = lazy(() => import('../components/TimeSeriesChart'));

interface HealthCheck {
  checked_at: string;
  state: string;
  health_score: number;
  duration_ms: number;
  error?: string | null;
}

function Flag({ label, value }: { label: string; value: boolean | null | undefined }) {
  return <li>{label}: <span className="font-semibold">{value === null || value === undefined ? 'n/a' : value ? 'yes' : 'no'}</span></li>;
}

/** Credentials are write-only: the form sends them, nothing ever shows them back. */
function CredentialsForm({ clusterId, onDone }: { clusterId: string; onDone: () => void }) {
  const [authType, setAuthType] = useState('SERVICE_ACCOUNT');
  const [secret, setSecret] = useState('');
  const [prometheusToken, setPrometheusToken] = useState('');
  const upload = useMutation({
    mutationFn: () =>
      api(`/api/v1/clusters/${clusterId}/credentials`, {
        method: 'POST',
        json: {
          auth_type: authType,
          kubeconfig: authType === 'KUBECONFIG' ? secret : null,
          token: authType === 'KUBECONFIG' ? null : secret,
          prometheus_token: prometheusToken || null,
        },
      }),
    onSuccess: () => {
      setSecret('');
      setPrometheusToken('');
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    upload.mutate();
  };
  return (
    <form onSubmit={submit} className="space-y-2" aria-label="Upload credentials">
      <Field label="Auth type">
        <select className={inputClass} value={authType} onChange={(e) => setAuthType(e.target.value)}>
          <option>SERVICE_ACCOUNT</option><option>KUBECONFIG</option><option>OIDC</option>
        </select>
      </Field>
      <Field label={authType === 'KUBECONFIG' ? 'Kubeconfig' : 'Token'}>
        <textarea className={inputClass} rows={3} value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="off" />
      </Field>
      <Field label="Prometheus token (optional)">
        <input type="password" className={inputClass} value={prometheusToken} onChange={(e) => setPrometheusToken(e.target.value)} autoComplete="off" />
      </Field>
      <ProblemView error={upload.error} />
      {upload.isSuccess && <p role="status" className="text-sm text-green-800 dark:text-green-300">Credentials stored.</p>}
      <Button type="submit" disabled={upload.isPending || !secret}>Upload credentials</Button>
    </form>
  );
}

export default function ClusterDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const formatTime = useFormatTime();
  const refetchInterval = useRefetchInterval();
  const [editing, setEditing] = useState(false);
  const cluster = useQuery({ queryKey: ['clusters', id], queryFn: () => api<Cluster>(`/api/v1/clusters/${id}`), refetchInterval });
  const history = useQuery({
    queryKey: ['clusters', id, 'history'],
    queryFn: () => api<Paged<HealthCheck>>(`/api/v1/clusters/${id}/status/history?page_size=100`),
    refetchInterval,
  });
  useLiveEvents(['CLUSTER_STATUS_CHANGED', 'CLUSTER_UPDATED', 'CLUSTER_CAPABILITIES_CHANGED'], (event) => {
    if (event.cluster_id === id || (event.payload as { cluster_id?: string }).cluster_id === id) {
      queries.invalidateQueries({ queryKey: ['clusters', id] });
    }
  });
  const invalidate = () => queries.invalidateQueries({ queryKey: ['clusters', id] });
  const update = useMutation({
    mutationFn: (body: unknown) => api<Cluster>(`/api/v1/clusters/${id}`, { method: 'PUT', json: body }),
    onSuccess: () => { setEditing(false); invalidate(); },
  });
  const remove = useMutation({
    mutationFn: () => api(`/api/v1/clusters/${id}`, { method: 'DELETE' }),
    onSuccess: () => { queries.invalidateQueries({ queryKey: ['clusters'] }); navigate('/clusters'); },
  });
  const refresh = useMutation({ mutationFn: () => api(`/api/v1/clusters/${id}/refresh`, { method: 'POST' }), onSuccess: invalidate });
  const validate = useMutation({
    mutationFn: () => api<Record<string, unknown>>(`/api/v1/clusters/${id}/credentials/validate`, { method: 'POST' }),
  });

  const series = useMemo(() => {
    const points = (history.data?.items ?? [])
      .map((h) => [new Date(h.checked_at).getTime(), h.health_score] as [number, number])
      .sort((a, b) => a[0] - b[0]);
    return [{ name: 'health score', points }];
  }, [history.data]);

  if (cluster.isPending) return <Spinner />;
  if (cluster.isError) return <ProblemView error={cluster.error} />;
  const c = cluster.data;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">{c.display_name || c.name} <StateBadge state={c.status.state} /></h1>
        <div className="flex gap-2">
          <RequireRole role="operator">
            <Button variant="secondary" onClick={() => refresh.mutate()} disabled={refresh.isPending}>Refresh</Button>
            <Button variant="secondary" onClick={() => setEditing((e) => !e)}>{editing ? 'Cancel edit' : 'Edit'}</Button>
          </RequireRole>
          <RequireRole role="admin">
            <Button variant="danger" disabled={remove.isPending} onClick={() => { if (window.confirm(`Delete cluster ${c.name}?`)) remove.mutate(); }}>Delete</Button>
          </RequireRole>
        </div>
      </div>
      <ProblemView error={refresh.error ?? remove.error} />
      {editing && (
        <Card title="Edit cluster">
          <ClusterForm mode="edit" cluster={c} pending={update.isPending} error={update.error} onSubmit={(body) => update.mutate(body)} />
        </Card>
      )}
      <div className="grid gap-4 md:grid-cols-3">
        <Card title="Status">
          <ul className="space-y-1 text-sm">
            <li>Health score: <span className="font-semibold">{c.status.health_score}</span></li>
            <li>Connectivity: {c.status.connectivity}</li>
            <Flag label="API server healthy" value={c.status.api_server_healthy} />
            <Flag label="Prometheus healthy" value={c.status.prometheus_healthy} />
            <Flag label="Tempo healthy" value={c.status.tempo_healthy} />
            <Flag label="Loki healthy" value={c.status.loki_healthy} />
            {c.status.last_error && <li>Last error: {c.status.last_error}</li>}
            <li>Last seen: {formatTime(c.last_seen_at)}</li>
          </ul>
        </Card>
        <Card title="Capabilities">
          <ul className="space-y-1 text-sm">
            <Flag label="GPU nodes" value={c.capabilities.has_gpu_nodes} />
            <li>GPUs: {c.capabilities.gpu_count} {c.capabilities.gpu_types.join(', ')}</li>
            <Flag label="Prometheus" value={c.capabilities.has_prometheus} />
            <Flag label="Thanos" value={c.capabilities.has_thanos} />
            <Flag label="Tempo" value={c.capabilities.has_tempo} />
            <Flag label="Loki" value={c.capabilities.has_loki} />
            <Flag label="Service mesh" value={c.capabilities.has_service_mesh} />
            <li>CNFs: {c.capabilities.cnf_types.join(', ') || 'none'}</li>
          </ul>
        </Card>
        <Card title="Endpoints and details">
          <ul className="space-y-1 break-all text-sm">
            <li>API server: {c.api_server_url}</li>
            <li>Prometheus: {c.endpoints.prometheus_url ?? '—'}</li>
            <li>Alertmanager: {c.endpoints.alertmanager_url ?? '—'}</li>
            <li>Tempo: {c.endpoints.tempo_url ?? '—'}</li>
            <li>Loki: {c.endpoints.loki_url ?? '—'}</li>
            <li>{c.cluster_type} · {c.platform} {c.platform_version ?? ''} · {c.environment} · {c.region ?? 'no region'}</li>
            <li>Labels: {Object.entries(c.labels).map(([k, v]) => `${k}=${v}`).join(', ') || 'none'}</li>
          </ul>
        </Card>
      </div>
      <Card title="Health history">
        {history.isPending ? <Spinner /> : history.isError ? <ProblemView error={history.error} /> :
          history.data.items.length === 0 ? <Empty>No health check yet.</Empty> : (
            <Suspense fallback={<Spinner label="Loading chart…" />}>
              <TimeSeriesChart series={series} label={`Health score history of ${c.name}`} height={220} />
            </Suspense>
          )}
      </Card>
      <Card title="Credentials">
        <p className="mb-2 text-sm">
          {c.has_credentials ? `Stored${c.credentials_expires_at ? `, expiring ${formatTime(c.credentials_expires_at)}` : ''}. They are never shown back.` : 'None stored.'}
        </p>
        <RequireRole role="operator">
          <div className="space-y-3">
            <CredentialsForm clusterId={id} onDone={invalidate} />
            {c.has_credentials && (
              <div className="space-y-2">
                <Button variant="secondary" onClick={() => validate.mutate()} disabled={validate.isPending}>Validate credentials</Button>
                <ProblemView error={validate.error} />
                {validate.data && <pre className="overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-900">{JSON.stringify(validate.data, null, 2)}</pre>}
              </div>
            )}
          </div>
        </RequireRole>
      </Card>
    </div>
  );
}
