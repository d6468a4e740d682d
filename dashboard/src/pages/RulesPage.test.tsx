import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router-dom';
import { AuthProvider } from '../auth/AuthContext';
import { fetchFrom } from '../test/fakes';
import RulesPage from './RulesPage';

function tokenFor(role: string) {
  const part = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '');
  return `${part({ alg: 'none' })}.${part({ sub: 'ada', roles: [role] })}.sig`;
}

// intent-service's answers, as RuleView and RuleDecisionView serialize them
const seed = {
  id: '0b8f7c1e-0000-4000-8000-000000000001', version: 1, deleted: false, updated_by: 'flyway',
  created_at: '2026-11-29T10:00:00Z', updated_at: '2026-11-29T10:00:00Z',
  rule: {
    name: 'upf-prb-scaling', source: 'kpm', condition: 'kpm.prb_utilization > 0.85', action: 'scale_out',
    target: { function: 'UPF', site: null, labels: {} }, priority: 10, cooldown: 'PT5M', min_replicas: 2,
    max_replicas: 10, consecutive_windows: 3, intent_template: 'Scale out UPF', enabled: false,
  },
};
const page = <T,>(items: T[]) => ({ items, total: items.length, page: 1, page_size: 20, total_pages: 1 });
const decision = {
  id: 7, event_id: '5d0c2a4e-0000-4000-8000-000000000002', event_type: 'KPM_REPORT', rule_id: seed.id,
  rule_name: 'upf-prb-scaling', rule_version: 1, outcome: 'cooldown', reason: 'UPF is cooling down until 10:05',
  target: 'cnf:UPF', intent_id: null, details: {}, decided_at: '2026-11-29T10:01:00Z',
};

function renderAs(role: string) {
  return render(
    <MemoryRouter>
      <AuthProvider initialToken={tokenFor(role)}>
        <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
          <RulesPage />
        </QueryClientProvider>
      </AuthProvider>
    </MemoryRouter>,
  );
}

describe('RulesPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists the rules and the decisions, and lets an admin enable a rule by sending it back whole', async () => {
    const fetch = fetchFrom({
      'GET /api/v1/rules': page([seed]),
      'GET /api/v1/rules/decisions': page([decision]),
      [`PUT /api/v1/rules/${seed.id}`]: (body: unknown) => ({ ...seed, version: 2, rule: body }),
    });
    vi.stubGlobal('fetch', fetch.fn);
    renderAs('admin');

    const rules = await screen.findByRole('table', { name: 'Rules' });
    expect(within(rules).getByText('kpm.prb_utilization > 0.85')).toBeInTheDocument();
    expect(within(rules).getByText('2–10')).toBeInTheDocument();
    const decisions = await screen.findByRole('table', { name: 'Decisions' });
    expect(within(decisions).getByText('cooldown')).toBeInTheDocument();
    expect(within(decisions).getByText('UPF is cooling down until 10:05')).toBeInTheDocument();

    await userEvent.setup().click(within(rules).getByRole('button', { name: 'Enable' }));

    const put = fetch.calls.find((c) => c.method === 'PUT');
    expect(put?.body).toEqual({ ...seed.rule, enabled: true });
  });

  it('shows a viewer the rules without the switch', async () => {
    vi.stubGlobal('fetch', fetchFrom({
      'GET /api/v1/rules': page([seed]),
      'GET /api/v1/rules/decisions': page([]),
    }).fn);
    renderAs('viewer');

    const rules = await screen.findByRole('table', { name: 'Rules' });
    expect(within(rules).getByText('upf-prb-scaling')).toBeInTheDocument();
    expect(within(rules).queryByRole('button')).toBeNull();
    expect(await screen.findByText('No decisions yet.')).toBeInTheDocument();
  });
});
