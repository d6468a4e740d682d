import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Cluster } from '../api/types';
import { fetchFrom } from '../test/fakes';
import { PromqlExplorer } from './PromqlExplorer';

const clusters = [
  { id: '6f1c1d1e-0000-4000-8000-000000000001', name: 'hub-1' },
  { id: '6f1c1d1e-0000-4000-8000-000000000002', name: 'edge-2' },
] as Cluster[];

// the observability collector's federated answer, as FederatedMetricResponse serializes it
const federated = {
  results: [
    { cluster_id: clusters[0].id, cluster_name: 'hub-1', status: 'SUCCESS', result_type: 'VECTOR',
      data: [{ metric: { __name__: 'up', job: 'prometheus' }, values: [], value: [1764410000.5, '1'] }], error: null, query_time_ms: 12 },
    { cluster_id: clusters[1].id, cluster_name: 'edge-2', status: 'TIMEOUT', result_type: null, data: [], error: 'query timed out after 30s', query_time_ms: 30000 },
  ],
  total_query_time_ms: 30001, clusters_queried: 2, clusters_succeeded: 1, warnings: ['edge-2: query timed out after 30s'],
};

function renderExplorer() {
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <PromqlExplorer clusters={clusters} />
    </QueryClientProvider>,
  );
}

describe('PromqlExplorer', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('runs an instant query on the picked clusters and shows each cluster status, the warnings and the series', async () => {
    const fetch = fetchFrom({ 'POST /api/v1/metrics/query': federated });
    vi.stubGlobal('fetch', fetch.fn);
    const user = userEvent.setup();
    renderExplorer();

    await user.clear(screen.getByLabelText('PromQL'));
    await user.type(screen.getByLabelText('PromQL'), 'up{{job="prometheus"}');
    await user.click(screen.getByLabelText('hub-1'));
    await user.click(screen.getByLabelText('edge-2'));
    await user.click(screen.getByRole('button', { name: 'Run query' }));

    const perCluster = await screen.findByRole('table', { name: 'Cluster results' });
    expect(fetch.calls[0].body).toEqual({ query: 'up{job="prometheus"}', cluster_ids: [clusters[0].id, clusters[1].id] });
    expect(within(perCluster).getByText('TIMEOUT')).toBeInTheDocument();
    expect(within(perCluster).getByText('query timed out after 30s')).toBeInTheDocument();
    expect(screen.getByText('1 of 2 clusters answered in 30001 ms')).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Warnings' })).getByText('edge-2: query timed out after 30s')).toBeInTheDocument();
    const series = screen.getByRole('table', { name: 'Series' });
    expect(within(series).getByText('hub-1: up{job="prometheus"}')).toBeInTheDocument();
    expect(within(series).getByText('1')).toBeInTheDocument();
  });

  it('sends a range query with start, end and step, and shows a validation problem with its field', async () => {
    const fetch = fetchFrom({
      'POST /api/v1/metrics/query_range': new Response(JSON.stringify({
        type: 'about:blank', title: 'Invalid request', status: 400, code: 'VALIDATION_FAILED',
        errors: [{ field: 'step', message: 'must be a Prometheus duration such as 15s, 1m or 1h30m' }],
      }), { status: 400, headers: { 'Content-Type': 'application/problem+json' } }),
    });
    vi.stubGlobal('fetch', fetch.fn);
    const user = userEvent.setup();
    renderExplorer();

    await user.selectOptions(screen.getByLabelText('Mode'), 'range');
    await user.clear(screen.getByLabelText('Step'));
    await user.type(screen.getByLabelText('Step'), 'soon');
    await user.click(screen.getByRole('button', { name: 'Run query' }));

    const problem = await screen.findByRole('alert');
    expect(problem).toHaveTextContent('Invalid request');
    expect(problem).toHaveTextContent('step: must be a Prometheus duration');
    const body = fetch.calls[0].body as Record<string, string>;
    expect(body.step).toBe('soon');
    expect(new Date(body.end_time).getTime() - new Date(body.start_time).getTime()).toBe(3_600_000);
  });
});
