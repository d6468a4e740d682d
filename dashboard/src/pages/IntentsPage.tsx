import { useState, type FormEvent } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../api/http';
import type { IntentView, Paged } from '../api/types';
import { RequireRole } from '../auth/AuthContext';
import { Button, Card, Empty, Pager, ProblemView, Spinner, StateBadge, inputClass } from '../components/ui';
import { useLiveEvents } from '../live/LiveContext';
import { useFormatTime } from '../settings';

export const TEMPLATES = [
  'Deploy eMBB on site-a with 500 Mbps',
  'Create URLLC service with 5ms latency',
  'Setup mMTC for 10000 devices',
  'Scale UPF on site-a to 3 replicas',
];

export function ParsedIntent({ intent }: { intent: IntentView }) {
  const i = intent.intent;
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm md:grid-cols-4" aria-label="Parsed intent">
      <dt className="font-semibold">Type</dt><dd>{i.intent_type}</dd>
      <dt className="font-semibold">Service</dt><dd>{i.service_type ?? '—'}</dd>
      <dt className="font-semibold">Sites</dt><dd>{i.target_sites.join(', ') || '—'}</dd>
      <dt className="font-semibold">Functions</dt><dd>{i.cnf_functions.join(', ') || '—'}</dd>
      <dt className="font-semibold">Replicas</dt><dd>{i.replicas ?? '—'}</dd>
      <dt className="font-semibold">SLA</dt>
      <dd>{i.sla ? Object.entries(i.sla).filter(([, v]) => v != null).map(([k, v]) => `${k} ${v}`).join(', ') || '—' : '—'}</dd>
      <dt className="font-semibold">Priority</dt><dd>{i.priority ?? '—'}</dd>
      <dt className="font-semibold">Parsed by</dt><dd>{i.parse ? `${i.parse.method}${i.parse.confidence != null ? ` (${Math.round(i.parse.confidence * 100)}%)` : ''}` : '—'}</dd>
    </dl>
  );
}

export default function IntentsPage() {
  const queries = useQueryClient();
  const formatTime = useFormatTime();
  const [text, setText] = useState('');
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['intents', page],
    queryFn: () => api<Paged<IntentView>>(`/api/v1/intents?page=${page}&page_size=20`),
    placeholderData: keepPreviousData,
  });
  useLiveEvents(['INTENT_CREATED', 'INTENT_STATUS_CHANGED'], () => queries.invalidateQueries({ queryKey: ['intents'] }));
  const submit = useMutation({
    mutationFn: (body: { text: string }) => api<IntentView>('/api/v1/intents', { method: 'POST', json: body, headers: { 'Idempotency-Key': crypto.randomUUID() } }),
    onSuccess: () => {
      setText('');
      queries.invalidateQueries({ queryKey: ['intents'] });
    },
  });
  const send = (e: FormEvent) => {
    e.preventDefault();
    submit.mutate({ text: text.trim() });
  };

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Intents</h1>
      <RequireRole role="operator">
        <Card title="State an intent">
          <form onSubmit={send} className="space-y-2" aria-label="New intent">
            <div className="flex flex-wrap gap-2">
              {TEMPLATES.map((t) => <Button key={t} variant="secondary" onClick={() => setText(t)}>{t.split(' ').slice(0, 2).join(' ')}…</Button>)}
            </div>
            <label className="sr-only" htmlFor="intent-text">Intent</label>
            <textarea id="intent-text" className={`${inputClass} w-full`} rows={2} value={text} onChange={(e) => setText(e.target.value)} placeholder="Deploy eMBB on site-a with 500 Mbps" />
            <ProblemView error={submit.error} />
            <Button type="submit" disabled={submit.isPending || !text.trim()}>Submit intent</Button>
          </form>
          {submit.data && (
            <div className="mt-3 space-y-2 rounded border border-slate-300 p-3 dark:border-slate-600" role="status">
              <p className="text-sm">Accepted as <Link className="underline" to={`/intents/${submit.data.id}`}>{submit.data.id}</Link> ({submit.data.status}). Parsed as:</p>
              <ParsedIntent intent={submit.data} />
            </div>
          )}
        </Card>
      </RequireRole>
      {list.isPending ? <Spinner /> : list.isError ? <ProblemView error={list.error} /> : list.data.items.length === 0 ? <Empty>No intents yet.</Empty> : (
        <Card title="Intents">
          <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-700">
            {list.data.items.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <Link className="underline" to={`/intents/${i.id}`}>{i.text}</Link>
                <span className="flex items-center gap-2 text-xs">{formatTime(i.created_at)} <StateBadge state={i.status} /></span>
              </li>
            ))}
          </ul>
          <Pager page={list.data.page} totalPages={list.data.total_pages} onPage={setPage} />
        </Card>
      )}
    </div>
  );
}
