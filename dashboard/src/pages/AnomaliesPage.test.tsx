import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AnomalyDetection, RcaResult } from '../api/types';
import { fetchFrom } from '../test/fakes';
import { renderPage } from '../test/pages';
import AnomaliesPage from './AnomaliesPage';
import AnomalyDetailPage, { chartSeries, seriesQuery } from './AnomalyDetailPage';

const CLUSTER = '6f1c1d1e-0000-4000-8000-000000000001';
const clusters = { items: [{ id: CLUSTER, name: 'hub-1' }], total: 1, page: 1, page_size: 100, total_pages: 1 };
const page = <T,>(items: T[]) => ({ items, total: items.length, page: 1, page_size: 20, total_pages: 1 });
// the intelligence engine's answers, as AnomalyDetection / AnomalyAnalysis / RcaResult serialize them
const spike: AnomalyDetection = {
  id: '0c7e5a10-0000-4000-8000-000000000011', cluster_id: CLUSTER, metric_name: 'DCGM_FI_DEV_GPU_TEMP',
  labels: { __name__: 'DCGM_FI_DEV_GPU_TEMP', Hostname: 'worker-gpu-0', gpu: '0' }, detection_type: 'STATISTICAL',
  severity: 'HIGH', anomaly_type: 'SPIKE', confidence_score: 0.93, expected_value: 61.2, actual_value: 91,
  deviation_percent: 48.7, explanation: 'DCGM_FI_DEV_GPU_TEMP on hub-1 rose to 91, 49% above the expected 61.2',
  detected_at: '2026-11-29T10:00:00Z', related_alerts: [],
};
const drop: AnomalyDetection = { ...spike, id: '0c7e5a10-0000-4000-8000-000000000012', anomaly_type: 'DROP', severity: 'MEDIUM', actual_value: 20, deviation_percent: -67.3 };
const rca: RcaResult = {
  analysis_id: '9a1b0000-0000-4000-8000-000000000021', cluster_id: CLUSTER, cluster_name: 'hub-1', trigger_kind: 'ALERT',
  trigger_ref: 'f00dfeed', window_start: '2026-11-29T09:30:00Z', window_end: '2026-11-29T10:05:00Z',
  summary: 'Most likely cause: cnf/hub-1/upf-1 (71%)',
  causes: [
    { rank: 1, object_id: 'cnf/hub-1/upf-1', object_kind: 'cnf', confidence: 0.71, explained_objects: 2,
      explanation: 'upf-1 failed 2 minutes before the alert and 2 affected objects depend on it', recommendation: 'Check the CNF’s pods and roll back its last package revision',
      evidence: [
        { kind: 'anomaly', name: 'DCGM_FI_DEV_GPU_TEMP SPIKE', at: '2026-11-29T10:00:00Z', reference: `anomaly:${spike.id}` },
        { kind: 'fcaps', name: 'linkDown', at: '2026-11-29T09:58:00Z', reference: 'fcaps:ves-1' },
      ] },
    { rank: 2, object_id: 'node/hub-1/worker-gpu-0', object_kind: 'node', confidence: 0.29, explained_objects: 0,
      explanation: 'worker-gpu-0 ran hot', recommendation: null, evidence: [] },
  ],
  objects_considered: 7, signals_considered: 4, explanation_source: 'TEMPLATE', warnings: ['intents: intent-service did not answer'],
  created_at: '2026-11-29T10:05:01Z',
};

describe('AnomaliesPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('runs a detection on a PromQL range and shows what was analysed, the warnings and the anomalies found', async () => {
    let listed = 0;
    const fetch = fetchFrom({
      'GET /api/v1/clusters': clusters,
      'GET /api/v1/analysis/anomalies': () => { listed++; return page(listed > 1 ? [spike] : []); },
      'POST /api/v1/analysis/anomaly': { series_analyzed: 2, points_analyzed: 480, anomalies: [spike], warnings: ['series hub-1 {gpu="1"} has only 12 points: not scored'] },
    });
    vi.stubGlobal('fetch', fetch.fn);
    const user = userEvent.setup();
    const view = renderPage(<AnomaliesPage />);
    expect(await screen.findByText('No anomalies yet.')).toBeInTheDocument();

    const form = screen.getByRole('form', { name: 'Anomaly detection' });
    await user.type(within(form).getByLabelText('PromQL query'), 'DCGM_FI_DEV_GPU_TEMP');
    await user.selectOptions(within(form).getByLabelText('Range'), '6h');
    await user.selectOptions(within(form).getByLabelText('Step'), '1m');
    await user.selectOptions(within(form).getByLabelText('Sensitivity'), 'HIGH');
    await user.type(within(form).getByLabelText('Upper bound (optional)'), '85');
    await user.click(within(form).getByRole('button', { name: 'Run detection' }));

    const result = await screen.findByRole('status', { name: 'Detection result' });
    expect(result).toHaveTextContent('Analysed 2 series, 480 points: 1 anomalies.');
    expect(within(result).getByText(/has only 12 points: not scored/)).toBeInTheDocument();
    const found = within(result).getByRole('table', { name: 'Detected anomalies' });
    expect(within(found).getByText('SPIKE')).toBeInTheDocument();
    expect(within(found).getByText('61.20 → 91')).toBeInTheDocument();
    expect(within(found).getByText('hub-1')).toBeInTheDocument();
    const body = fetch.calls.find((c) => c.method === 'POST')?.body as Record<string, unknown>;
    expect(body).toMatchObject({ query: 'DCGM_FI_DEV_GPU_TEMP', step: '1m', sensitivity: 'HIGH', upper_bound: 85, cluster_ids: [] });
    expect(new Date(body.end_time as string).getTime() - new Date(body.start_time as string).getTime()).toBe(6 * 3_600_000);
    // stored by the engine: the history shows it after the run
    expect(await screen.findByRole('table', { name: 'Anomalies' })).toBeInTheDocument();
    view.stop();
  });

  it('shows the field named by a refused detection', async () => {
    vi.stubGlobal('fetch', fetchFrom({
      'GET /api/v1/clusters': clusters,
      'GET /api/v1/analysis/anomalies': page([]),
      'POST /api/v1/analysis/anomaly': new Response(JSON.stringify({
        title: 'Invalid request', status: 400, code: 'VALIDATION_FAILED', errors: [{ field: 'query', message: 'parse error: unexpected end of input' }],
      }), { status: 400, headers: { 'Content-Type': 'application/problem+json' } }),
    }).fn);
    const user = userEvent.setup();
    const view = renderPage(<AnomaliesPage />);
    await user.type(screen.getByLabelText('PromQL query'), 'rate(');
    await user.click(screen.getByRole('button', { name: 'Run detection' }));

    const problem = await screen.findByRole('alert');
    expect(problem).toHaveTextContent('Invalid request');
    expect(problem).toHaveTextContent('query: parse error: unexpected end of input');
    view.stop();
  });

  it('filters the history and pages it through the API', async () => {
    const fetch = fetchFrom({ 'GET /api/v1/clusters': clusters, 'GET /api/v1/analysis/anomalies': page([spike, drop]) });
    vi.stubGlobal('fetch', fetch.fn);
    const user = userEvent.setup();
    const view = renderPage(<AnomaliesPage />, { role: 'viewer' });
    const table = await screen.findByRole('table', { name: 'Anomalies' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);

    await user.selectOptions(screen.getByLabelText('Type'), 'SPIKE');
    await user.selectOptions(screen.getByLabelText('Severity'), 'HIGH');
    await screen.findByRole('option', { name: 'hub-1' });
    await user.selectOptions(screen.getByLabelText('Cluster'), CLUSTER);

    await waitFor(() => expect(fetch.calls.map((c) => c.url)).toContain(
      `/api/v1/analysis/anomalies?cluster_id=${CLUSTER}&anomaly_type=SPIKE&severity=HIGH&page=1&page_size=20`,
    ));
    view.stop();
  });

  it('rolls the "since" window forward with every refresh instead of pinning the instant it was picked', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-29T12:00:00Z'));
    const fetch = fetchFrom({ 'GET /api/v1/clusters': clusters, 'GET /api/v1/analysis/anomalies': page([]) });
    vi.stubGlobal('fetch', fetch.fn);
    const user = userEvent.setup();
    const view = renderPage(<AnomaliesPage />, { role: 'viewer' });
    await screen.findByText('No anomalies yet.');
    const sinceParams = () => fetch.calls
      .map((c) => new URL(c.url, 'http://console.test').searchParams.get('since'))
      .filter((since): since is string => since !== null);

    await user.selectOptions(screen.getByLabelText('Since'), '1h');
    await waitFor(() => expect(sinceParams()).toEqual(['2026-11-29T11:00:00.000Z']));

    vi.setSystemTime(new Date('2026-11-29T12:30:00Z'));
    view.push('ANOMALY_DETECTED', spike, CLUSTER);
    await waitFor(() => expect(sinceParams()).toEqual(['2026-11-29T11:00:00.000Z', '2026-11-29T11:30:00.000Z']));
    view.stop();
    vi.useRealTimers();
  });

  it('refreshes the history on ANOMALY_DETECTED and lists RCA_COMPLETE as it arrives; a viewer gets no forms', async () => {
    let listed = 0;
    vi.stubGlobal('fetch', fetchFrom({
      'GET /api/v1/clusters': clusters,
      'GET /api/v1/analysis/anomalies': () => { listed++; return page(listed > 1 ? [spike] : []); },
    }).fn);
    const view = renderPage(<AnomaliesPage />, { role: 'viewer' });
    expect(await screen.findByText('No anomalies yet.')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Anomaly detection' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Root-cause analysis request' })).toBeNull();

    view.push('ANOMALY_DETECTED', spike, CLUSTER);
    const table = await screen.findByRole('table', { name: 'Anomalies' });
    expect(within(table).getByText('SPIKE')).toBeInTheDocument();
    expect(screen.getByText(/1 detected live since you opened this page/)).toBeInTheDocument();

    view.push('RCA_COMPLETE', {
      analysis_id: rca.analysis_id, cluster_id: CLUSTER, summary: rca.summary, probable_causes: ['cnf/hub-1/upf-1: upf-1 failed'],
      recommendations: ['Check the CNF’s pods'], related_alerts: ['f00dfeed'], confidence_score: 0.71,
    }, CLUSTER);
    const done = await screen.findByRole('list', { name: 'Completed analyses' });
    expect(done).toHaveTextContent('Most likely cause: cnf/hub-1/upf-1 (71%) · confidence 71%');
    expect(done).toHaveTextContent('Recommendation: Check the CNF’s pods');
    view.stop();
  });

  it('runs a root-cause analysis for the alert linked from the alerts page and shows the ranked causes with their evidence', async () => {
    const fetch = fetchFrom({ 'GET /api/v1/clusters': clusters, 'GET /api/v1/analysis/anomalies': page([]), 'POST /api/v1/analysis/rca': rca });
    vi.stubGlobal('fetch', fetch.fn);
    const user = userEvent.setup();
    const view = renderPage(<AnomaliesPage />, { path: '/anomalies?alert=f00dfeed', route: '/anomalies' });

    expect(screen.getByLabelText('Alert fingerprint')).toHaveValue('f00dfeed');
    await user.click(screen.getByRole('button', { name: 'Find root cause' }));

    const causes = await screen.findByRole('list', { name: 'Candidate causes' });
    const ranked = within(causes).getAllByRole('listitem').filter((li) => li.dataset.rank);
    expect(ranked.map((li) => li.dataset.rank)).toEqual(['1', '2']);
    expect(ranked[0]).toHaveTextContent('#1 cnf/hub-1/upf-1 (cnf) · confidence 71% · explains 2 affected objects');
    expect(ranked[0]).toHaveTextContent('Recommendation: Check the CNF’s pods and roll back its last package revision');
    const evidence = within(ranked[0]).getByRole('list', { name: 'Evidence for cnf/hub-1/upf-1' });
    expect(within(evidence).getByRole('link', { name: 'DCGM_FI_DEV_GPU_TEMP SPIKE' })).toHaveAttribute('href', `/anomalies/${spike.id}`);
    expect(within(evidence).queryByRole('link', { name: 'linkDown' })).toBeNull();
    expect(screen.getByRole('list', { name: 'RCA warnings' })).toHaveTextContent('intents: intent-service did not answer');
    expect(screen.getByText(/explained from templates \(no language model\)/)).toBeInTheDocument();
    expect(fetch.calls.find((c) => c.method === 'POST')?.body).toEqual({ alert_fingerprint: 'f00dfeed' });
    view.stop();
  });
});

describe('AnomaliesPage RCA of a window', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks for a cluster before analysing a window, then sends the cluster and the window and shows a refusal with its field', async () => {
    const fetch = fetchFrom({
      'GET /api/v1/clusters': clusters,
      'GET /api/v1/analysis/anomalies': page([]),
      'POST /api/v1/analysis/rca': new Response(JSON.stringify({
        title: 'Invalid request', status: 400, code: 'VALIDATION_FAILED', errors: [{ field: 'end_time', message: 'the window may span at most 24 hours' }],
      }), { status: 400, headers: { 'Content-Type': 'application/problem+json' } }),
    });
    vi.stubGlobal('fetch', fetch.fn);
    const user = userEvent.setup();
    const view = renderPage(<AnomaliesPage />);
    const form = screen.getByRole('form', { name: 'Root-cause analysis request' });
    expect(within(form).getByRole('button', { name: 'Find root cause' })).toBeDisabled();

    await within(form).findByRole('option', { name: 'hub-1' });
    await user.selectOptions(within(form).getByLabelText('RCA cluster'), CLUSTER);
    await user.selectOptions(within(form).getByLabelText('Window'), '6h');
    await user.click(within(form).getByRole('button', { name: 'Find root cause' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('end_time: the window may span at most 24 hours');
    const body = fetch.calls.find((c) => c.method === 'POST')?.body as Record<string, string>;
    expect(body.cluster_id).toBe(CLUSTER);
    expect(new Date(body.end_time).getTime() - new Date(body.start_time).getTime()).toBe(6 * 3_600_000);
    expect(body).not.toHaveProperty('alert_fingerprint');
    view.stop();
  });
});

describe('AnomalyDetailPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('turns the anomaly into the PromQL of its series', () => {
    expect(seriesQuery(spike)).toBe('DCGM_FI_DEV_GPU_TEMP{Hostname="worker-gpu-0",gpu="0"}');
    expect(seriesQuery({ metric_name: 'sum(rate(x[5m]))', labels: { job: 'a' } })).toBe('sum(rate(x[5m]))');
    expect(seriesQuery({ metric_name: 'up', labels: { job: 'say "hi"' } })).toBe('up{job="say \\"hi\\""}');
  });

  it('draws one line per returned series with points, times in milliseconds and values as numbers', () => {
    const matrix = (gpu: string, values: [number, string][]) => ({ metric: { __name__: 'DCGM_FI_DEV_GPU_TEMP', gpu }, values });
    const answer = {
      results: [
        { cluster_id: CLUSTER, cluster_name: 'hub-1', status: 'SUCCESS', result_type: 'MATRIX', error: null, query_time_ms: 3,
          data: [matrix('0', [[1764410400, '61.5'], [1764410430, '91']]), matrix('1', []), matrix('2', [[1764410400, 'NaN']])] },
      ],
      total_query_time_ms: 3, clusters_queried: 1, clusters_succeeded: 1, warnings: [],
    } as unknown as Parameters<typeof chartSeries>[0];

    expect(chartSeries(answer, 'DCGM_FI_DEV_GPU_TEMP')).toEqual([
      { name: 'DCGM_FI_DEV_GPU_TEMP', points: [[1764410400000, 61.5], [1764410430000, 91]] },
      { name: 'DCGM_FI_DEV_GPU_TEMP #3', points: [[1764410400000, NaN]] },
    ]);
    expect(chartSeries(undefined, 'up')).toEqual([]);
  });

  it('shows the anomaly, asks for its series around the moment, and explains it for an operator', async () => {
    const fetch = fetchFrom({
      [`GET /api/v1/analysis/anomalies/${spike.id}`]: spike,
      [`GET /api/v1/clusters/${CLUSTER}`]: { id: CLUSTER, name: 'hub-1' },
      'POST /api/v1/metrics/query_range': { results: [{ cluster_id: CLUSTER, cluster_name: 'hub-1', status: 'SUCCESS', result_type: 'MATRIX', data: [], error: null, query_time_ms: 3 }], total_query_time_ms: 3, clusters_queried: 1, clusters_succeeded: 1, warnings: [] },
      'POST /api/v1/analysis/explain': { subject_kind: 'ANOMALY', subject_ref: spike.id, explanation: 'The GPU temperature rose to 91 °C', probable_cause: 'node/hub-1/worker-gpu-0', confidence: 0.8, analysis_id: rca.analysis_id, source: 'TEMPLATE' },
    });
    vi.stubGlobal('fetch', fetch.fn);
    const user = userEvent.setup();
    const view = renderPage(<AnomalyDetailPage />, { path: `/anomalies/${spike.id}`, route: '/anomalies/:id' });

    expect(await screen.findByText('SPIKE · HIGH')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'hub-1' })).toBeInTheDocument();
    expect(await screen.findByText(/has no data for this series around the anomaly/)).toBeInTheDocument();
    const range = fetch.calls.find((c) => c.url === '/api/v1/metrics/query_range')?.body as Record<string, unknown>;
    expect(range).toMatchObject({ query: 'DCGM_FI_DEV_GPU_TEMP{Hostname="worker-gpu-0",gpu="0"}', cluster_ids: [CLUSTER], start_time: '2026-11-29T09:30:00.000Z' });

    await user.click(screen.getByRole('button', { name: 'Explain' }));
    const explanation = await screen.findByRole('region', { name: 'Explanation' });
    expect(explanation).toHaveTextContent('The GPU temperature rose to 91 °C');
    expect(explanation).toHaveTextContent('Probable cause: node/hub-1/worker-gpu-0 (80%)');
    expect(fetch.calls.find((c) => c.url === '/api/v1/analysis/explain')?.body).toEqual({ anomaly_id: spike.id });
    view.stop();
  });
});
