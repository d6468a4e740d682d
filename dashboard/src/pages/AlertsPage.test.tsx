import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fetchFrom } from '../test/fakes';
import { renderPage } from '../test/pages';
import AlertsPage from './AlertsPage';

const page = <T,>(items: T[]) => ({ items, total: items.length, page: 1, page_size: 20, total_pages: 1 });
// the collector's answers: Alert for the list, AlertHistoryEntry (no id, no annotations) for the history
const firing = {
  id: '7d3e0000-0000-4000-8000-000000000031', fingerprint: 'a1b2c3', cluster_id: '6f1c1d1e-0000-4000-8000-000000000001', cluster_name: 'edge-1',
  alertname: 'KubeNodeNotReady', severity: 'CRITICAL', state: 'FIRING', labels: { alertname: 'KubeNodeNotReady' },
  annotations: { summary: 'Node not ready' }, starts_at: '2026-11-29T10:00:00Z', ends_at: null, generator_url: null,
};
const transition = (state: string, recorded: string) => ({
  fingerprint: 'a1b2c3', cluster_id: firing.cluster_id, cluster_name: 'edge-1', alertname: 'KubeNodeNotReady', severity: 'CRITICAL',
  state, starts_at: '2026-11-29T10:00:00Z', ends_at: state === 'RESOLVED' ? '2026-11-29T10:05:00Z' : null, recorded_at: recorded, source: 'WEBHOOK',
});

describe('AlertsPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('refetches on ALERT_RESOLVED, links an operator to the RCA of the alert, and lists the history transitions', async () => {
    let resolved = false;
    vi.stubGlobal('fetch', fetchFrom({
      'GET /api/v1/alerts': () => page([resolved ? { ...firing, state: 'RESOLVED', ends_at: '2026-11-29T10:05:00Z' } : firing]),
      'GET /api/v1/alerts/history': page([transition('RESOLVED', '2026-11-29T10:05:01Z'), transition('FIRING', '2026-11-29T10:00:01Z')]),
    }).fn);
    const view = renderPage(<AlertsPage />);

    const table = await screen.findByRole('table', { name: 'Alerts' });
    expect(within(table).getByText('FIRING')).toBeInTheDocument();
    expect(within(table).getByRole('link', { name: 'Root cause' })).toHaveAttribute('href', '/anomalies?alert=a1b2c3');
    resolved = true;
    view.push('ALERT_RESOLVED', { fingerprint: 'a1b2c3' }, firing.cluster_id);
    expect(await within(table).findByText('RESOLVED')).toBeInTheDocument();

    await userEvent.setup().click(screen.getByRole('tab', { name: 'History' }));
    const history = await screen.findByRole('table', { name: 'Alerts' });
    await within(history).findByText('FIRING');
    expect(within(history).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell')[2].textContent)).toEqual(['RESOLVED', 'FIRING']);
    view.stop();
  });

  it('shows a viewer no link to run an analysis', async () => {
    vi.stubGlobal('fetch', fetchFrom({ 'GET /api/v1/alerts': page([firing]) }).fn);
    const view = renderPage(<AlertsPage />, { role: 'viewer' });
    const table = await screen.findByRole('table', { name: 'Alerts' });
    expect(within(table).getByText('Node not ready')).toBeInTheDocument();
    expect(within(table).queryByRole('link')).toBeNull();
    view.stop();
  });
});
