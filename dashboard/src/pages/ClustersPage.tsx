import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, query } from '../api/http';
import { CLUSTER_STATES, CLUSTER_TYPES, ENVIRONMENTS, type Cluster, type Paged } from '../api/types';
import { RequireRole } from '../auth/AuthContext';
import { Button, Card, Empty, Field, inputClass, Pager, ProblemView, Spinner, StateBadge } from '../components/ui';
import { ClusterForm } from '../components/ClusterForm';
import { useLiveEvents, useThrottledInvalidate } from '../live/LiveContext';
import { useRefetchInterval } from '../settings';

interface Filters {
  name: string;
  cluster_type: string;
  environment: string;
  region: string;
  state: string;
  has_gpu: string;
  has_cnf: string;
}

const NO_FILTERS: Filters = { name: '', cluster_type: '', environment: '', region: '', state: '', has_gpu: '', has_cnf: '' };

export default function ClustersPage() {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const [registering, setRegistering] = useState(false);
  const queries = useQueryClient();
  const refetchInterval = useRefetchInterval();
  const list = useQuery({
    queryKey: ['clusters', filters, page],
    queryFn: () => api<Paged<Cluster>>(`/api/v1/clusters${query({ ...filters, page, page_size: 20, sort: 'name' })}`),
    placeholderData: keepPreviousData,
    refetchInterval,
  });
  const invalidate = useThrottledInvalidate();
  useLiveEvents(['CLUSTER_REGISTERED', 'CLUSTER_UPDATED', 'CLUSTER_DELETED', 'CLUSTER_STATUS_CHANGED'], () => invalidate(['clusters']));
  const register = useMutation({
    mutationFn: (body: unknown) => api<Cluster>('/api/v1/clusters', { method: 'POST', json: body }),
    onSuccess: () => {
      setRegistering(false);
      queries.invalidateQueries({ queryKey: ['clusters'] });
      queries.invalidateQueries({ queryKey: ['fleet'] });
    },
  });

  const set = (key: keyof Filters) => (e: { target: { value: string } }) => {
    setPage(1);
    setFilters((f) => ({ ...f, [key]: e.target.value }));
  };
  const select = (key: keyof Filters, label: string, options: readonly string[]) => (
    <Field label={label}>
      <select className={inputClass} value={filters[key]} onChange={set(key)}>
        <option value="">any</option>
        {options.map((o) => <option key={o} value={o}>{o}</option>)}
      </select>
    </Field>
  );

  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-semibold">Clusters</h1>
        <RequireRole role="operator">
          <Button onClick={() => setRegistering((r) => !r)}>{registering ? 'Close form' : 'Register cluster'}</Button>
        </RequireRole>
      </div>
      {registering && (
        <Card title="Register a cluster">
          <ClusterForm mode="create" pending={register.isPending} error={register.error} onSubmit={(body) => register.mutate(body)} />
        </Card>
      )}
      <Card>
        <form className="grid grid-cols-2 gap-3 md:grid-cols-4 lg:grid-cols-7" role="search" onSubmit={(e) => e.preventDefault()}>
          <Field label="Name contains"><input className={inputClass} value={filters.name} onChange={set('name')} /></Field>
          {select('cluster_type', 'Type', CLUSTER_TYPES)}
          {select('environment', 'Environment', ENVIRONMENTS)}
          <Field label="Region"><input className={inputClass} value={filters.region} onChange={set('region')} /></Field>
          {select('state', 'State', CLUSTER_STATES)}
          {select('has_gpu', 'GPUs', ['true', 'false'])}
          {select('has_cnf', 'CNFs', ['true', 'false'])}
        </form>
      </Card>
      {list.isPending ? <Spinner /> : list.isError ? <ProblemView error={list.error} /> : list.data.items.length === 0 ? (
        <Empty>No cluster matches.</Empty>
      ) : (
        <Card>
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-300 dark:border-slate-600">
                <th className="py-1">Name</th><th>Type</th><th>Environment</th><th>Region</th><th>State</th><th>Health</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((c) => (
                <tr key={c.id} className="border-b border-slate-100 dark:border-slate-700">
                  <td className="py-1"><Link className="underline" to={`/clusters/${c.id}`}>{c.display_name || c.name}</Link></td>
                  <td>{c.cluster_type}</td><td>{c.environment}</td><td>{c.region ?? '—'}</td>
                  <td><StateBadge state={c.status.state} /></td><td>{c.status.health_score}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-2 text-xs text-slate-700 dark:text-slate-300">{list.data.total} clusters</p>
          <Pager page={list.data.page} totalPages={list.data.total_pages} onPage={setPage} />
        </Card>
      )}
    </div>
  );
}
