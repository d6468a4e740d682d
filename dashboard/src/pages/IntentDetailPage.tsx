import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { api, query } from '../api/http';
import type { Cnf, IntentView, PackageRevision, Paged } from '../api/types';
import { RequireRole } from '../auth/AuthContext';
import { PipelineView } from '../components/PipelineView';
import { Button, Card, ProblemView, Spinner, StateBadge } from '../components/ui';
import { useLiveEvents } from '../live/LiveContext';
import { ParsedIntent } from './IntentsPage';

export default function IntentDetailPage() {
  const { id = '' } = useParams();
  const queries = useQueryClient();
  const intent = useQuery({ queryKey: ['intent', id], queryFn: () => api<IntentView>(`/api/v1/intents/${id}`) });
  const cnfs = useQuery({
    queryKey: ['intent', id, 'cnfs'],
    queryFn: async () => (await api<Paged<Cnf>>(`/api/v1/cnfs${query({ intent_id: id, page_size: 100 })}`)).items,
  });
  const packages = useQuery({
    queryKey: ['intent', id, 'packages'],
    queryFn: async () => (await api<Paged<PackageRevision>>(`/api/v1/packages${query({ intent_id: id, page_size: 100 })}`)).items,
  });
  useLiveEvents(['INTENT_STATUS_CHANGED'], (event) => {
    if ((event.payload as { intent_id?: string }).intent_id === id) queries.invalidateQueries({ queryKey: ['intent', id] });
  });
  useLiveEvents(['CNF_STATE_CHANGED'], (event) => {
    if ((event.payload as { intent_id?: string }).intent_id === id) queries.invalidateQueries({ queryKey: ['intent', id, 'cnfs'] });
  });
  useLiveEvents(['PACKAGE_REVISION_CHANGED'], () => queries.invalidateQueries({ queryKey: ['intent', id, 'packages'] }));
  const cancel = useMutation({
    mutationFn: () => api<IntentView>(`/api/v1/intents/${id}`, { method: 'DELETE' }),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['intent', id] }),
  });

  if (intent.isPending) return <Spinner />;
  if (intent.isError) return <ProblemView error={intent.error} />;
  const i = intent.data;
  const open = !['completed', 'failed', 'cancelled'].includes(i.status);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">Intent <StateBadge state={i.status} /></h1>
        {open && (
          <RequireRole role="operator">
            <Button variant="danger" disabled={cancel.isPending} onClick={() => { if (window.confirm('Cancel this intent?')) cancel.mutate(); }}>Cancel intent</Button>
          </RequireRole>
        )}
      </div>
      <ProblemView error={cancel.error} />
      <Card title={i.text}>
        <ParsedIntent intent={i} />
        {i.status_reason && <p className="mt-2 text-sm">Reason: {i.status_reason}</p>}
      </Card>
      <Card title="Pipeline">
        {cnfs.isError || packages.isError ? <ProblemView error={cnfs.error ?? packages.error} /> : null}
        <PipelineView intent={i} cnfs={cnfs.data ?? []} packages={packages.data ?? []} />
      </Card>
    </div>
  );
}
