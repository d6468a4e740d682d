import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, query } from '../api/http';
import type { Paged, RuleDecision, RuleView } from '../api/types';
import { RequireRole } from '../auth/AuthContext';
import { Button, Card, Empty, Field, inputClass, Pager, ProblemView, Spinner } from '../components/ui';
import { useLiveEvents } from '../live/LiveContext';
import { useFormatTime, useRefetchInterval } from '../settings';

const OUTCOMES = ['intent_created', 'no_match', 'hysteresis', 'cooldown', 'deduplicated', 'correlated', 'stale',
  'missing_data', 'at_max_replicas', 'at_min_replicas', 'condition_error'];

function target(view: RuleView): string {
  const { function: fn, site } = view.rule.target;
  return [fn, site && `@ ${site}`].filter(Boolean).join(' ') || '—';
}

/** The closed loop: its rules (admins switch them on and off) and what it decided about recent events. */
export default function RulesPage() {
  const [page, setPage] = useState(1);
  const [outcome, setOutcome] = useState('');
  const [decisionPage, setDecisionPage] = useState(1);
  const formatTime = useFormatTime();
  const refetchInterval = useRefetchInterval();
  const queries = useQueryClient();
  const rules = useQuery({
    queryKey: ['rules', page],
    queryFn: () => api<Paged<RuleView>>(`/api/v1/rules${query({ page, page_size: 20 })}`),
    placeholderData: keepPreviousData,
    refetchInterval,
  });
  const decisions = useQuery({
    queryKey: ['rule-decisions', outcome, decisionPage],
    queryFn: () => api<Paged<RuleDecision>>(`/api/v1/rules/decisions${query({ outcome, page: decisionPage, page_size: 20 })}`),
    placeholderData: keepPreviousData,
    refetchInterval,
  });
  // a decision that raised an intent shows up as INTENT_CREATED
  useLiveEvents(['INTENT_CREATED'], () => queries.invalidateQueries({ queryKey: ['rule-decisions'] }));
  const toggle = useMutation({
    mutationFn: (view: RuleView) => api<RuleView>(`/api/v1/rules/${view.id}`, {
      method: 'PUT',
      json: { ...view.rule, enabled: !view.rule.enabled },
    }),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['rules'] }),
  });

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Closed-loop rules</h1>
      {toggle.isError && <ProblemView error={toggle.error} />}
      {rules.isPending ? <Spinner /> : rules.isError ? <ProblemView error={rules.error} /> : rules.data.items.length === 0 ? <Empty>No rules.</Empty> : (
        <Card>
          <table className="w-full text-left text-sm" aria-label="Rules">
            <thead><tr><th>Rule</th><th>Source</th><th>Condition</th><th>Action</th><th>Target</th><th>Replicas</th><th>Cooldown</th><th>Version</th><th>Enabled</th></tr></thead>
            <tbody>
              {rules.data.items.map((view) => (
                <tr key={view.id} className="border-b border-slate-100 align-top dark:border-slate-700">
                  <td className="py-1 font-semibold">{view.rule.name}</td>
                  <td>{view.rule.source}</td>
                  <td><code className="text-xs">{view.rule.condition}</code></td>
                  <td>{view.rule.action}</td>
                  <td>{target(view)}</td>
                  <td>{view.rule.min_replicas ?? '—'}–{view.rule.max_replicas ?? '—'}</td>
                  <td>{view.rule.cooldown}</td>
                  <td>v{view.version}</td>
                  <td>
                    {view.rule.enabled ? 'yes' : 'no'}
                    <RequireRole role="admin">
                      <Button variant="secondary" className="ml-2" disabled={toggle.isPending} onClick={() => toggle.mutate(view)}>
                        {view.rule.enabled ? 'Disable' : 'Enable'}
                      </Button>
                    </RequireRole>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={rules.data.page} totalPages={rules.data.total_pages} onPage={setPage} />
        </Card>
      )}
      <h2 className="text-lg font-semibold">Decisions</h2>
      <Card>
        <Field label="Outcome">
          <select className={inputClass} value={outcome} onChange={(e) => { setOutcome(e.target.value); setDecisionPage(1); }}>
            <option value="">any</option>
            {OUTCOMES.map((o) => <option key={o}>{o}</option>)}
          </select>
        </Field>
      </Card>
      {decisions.isPending ? <Spinner /> : decisions.isError ? <ProblemView error={decisions.error} /> : decisions.data.items.length === 0 ? <Empty>No decisions yet.</Empty> : (
        <Card>
          <table className="w-full text-left text-sm" aria-label="Decisions">
            <thead><tr><th>When</th><th>Event</th><th>Rule</th><th>Outcome</th><th>Why</th><th>Intent</th></tr></thead>
            <tbody>
              {decisions.data.items.map((d) => (
                <tr key={d.id} className="border-b border-slate-100 align-top dark:border-slate-700">
                  <td className="py-1">{formatTime(d.decided_at)}</td>
                  <td>{d.event_type}</td>
                  <td>{d.rule_name ? `${d.rule_name} v${d.rule_version}` : '—'}</td>
                  <td className="font-semibold">{d.outcome}</td>
                  <td>{d.reason ?? '—'}</td>
                  <td>{d.intent_id ? <Link className="underline" to={`/intents/${d.intent_id}`}>open</Link> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={decisions.data.page} totalPages={decisions.data.total_pages} onPage={setDecisionPage} />
        </Card>
      )}
    </div>
  );
}
