import { useState, type FormEvent } from 'react';
import { CLUSTER_TYPES, ENVIRONMENTS, PLATFORMS, type Cluster } from '../api/types';
import { Button, Field, inputClass, ProblemView } from './ui';

/** Register (POST) or edit (PUT, with the version for optimistic locking) a cluster. */
export function ClusterForm({ mode, cluster, pending, error, onSubmit }: {
  mode: 'create' | 'edit';
  cluster?: Cluster;
  pending: boolean;
  error: unknown;
  onSubmit: (body: Record<string, unknown>) => void;
}) {
  const [form, setForm] = useState({
    name: cluster?.name ?? '',
    display_name: cluster?.display_name ?? '',
    api_server_url: cluster?.api_server_url ?? '',
    cluster_type: cluster?.cluster_type ?? 'SPOKE',
    platform: cluster?.platform ?? 'KUBERNETES',
    platform_version: cluster?.platform_version ?? '',
    region: cluster?.region ?? '',
    environment: cluster?.environment ?? 'DEVELOPMENT',
    prometheus_url: cluster?.endpoints.prometheus_url ?? '',
    alertmanager_url: cluster?.endpoints.alertmanager_url ?? '',
    labels: Object.entries(cluster?.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(', '),
  });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const labels = Object.fromEntries(
      form.labels.split(',').map((pair) => pair.trim()).filter(Boolean).map((pair) => {
        const at = pair.indexOf('=');
        return at < 0 ? [pair, ''] : [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
      }),
    );
    const body: Record<string, unknown> = {
      display_name: orNull(form.display_name),
      api_server_url: form.api_server_url.trim(),
      cluster_type: form.cluster_type,
      platform: form.platform,
      platform_version: orNull(form.platform_version),
      region: orNull(form.region),
      environment: form.environment,
      endpoints: { prometheus_url: orNull(form.prometheus_url), alertmanager_url: orNull(form.alertmanager_url) },
      labels,
    };
    if (mode === 'create') body.name = form.name.trim();
    else body.version = cluster?.version;
    onSubmit(body);
  };

  const choice = (key: keyof typeof form, label: string, options: readonly string[]) => (
    <Field label={label}>
      <select className={inputClass} value={form[key]} onChange={set(key)}>
        {options.map((o) => <option key={o} value={o}>{o}</option>)}
      </select>
    </Field>
  );

  return (
    <form className="space-y-3" onSubmit={submit} aria-label={mode === 'create' ? 'Register cluster' : 'Edit cluster'}>
      <div className="grid gap-3 md:grid-cols-3">
        {mode === 'create' && <Field label="Name"><input className={inputClass} name="name" value={form.name} onChange={set('name')} required /></Field>}
        <Field label="Display name"><input className={inputClass} name="display_name" value={form.display_name} onChange={set('display_name')} /></Field>
        <Field label="API server URL"><input className={inputClass} name="api_server_url" value={form.api_server_url} onChange={set('api_server_url')} required /></Field>
        {choice('cluster_type', 'Type', CLUSTER_TYPES)}
        {choice('platform', 'Platform', PLATFORMS)}
        <Field label="Platform version"><input className={inputClass} value={form.platform_version} onChange={set('platform_version')} /></Field>
        <Field label="Region"><input className={inputClass} name="region" value={form.region} onChange={set('region')} /></Field>
        {choice('environment', 'Environment', ENVIRONMENTS)}
        <Field label="Prometheus URL"><input className={inputClass} name="prometheus_url" value={form.prometheus_url} onChange={set('prometheus_url')} /></Field>
        <Field label="Alertmanager URL"><input className={inputClass} value={form.alertmanager_url} onChange={set('alertmanager_url')} /></Field>
        <Field label="Labels (k=v, comma separated)"><input className={inputClass} value={form.labels} onChange={set('labels')} /></Field>
      </div>
      <ProblemView error={error} />
      <Button type="submit" disabled={pending}>{mode === 'create' ? 'Register' : 'Save'}</Button>
    </form>
  );
}
