import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { GpuNode } from '../api/types';
import { fetchFrom } from '../test/fakes';
import { renderPage } from '../test/pages';
import GpuNodePage from './GpuNodePage';
import GpusPage from './GpusPage';

const CLUSTER = '6f1c1d1e-0000-4000-8000-000000000001';
// the collector's answers, as GpuNode / GpuFleetSummary / GpuProcessView serialize them (an H100 has no fan:
// fan_speed_percent is null, as nvidia-smi's [N/A])
const node: GpuNode = {
  cluster_id: CLUSTER, cluster_name: 'edge-paris-01', node_name: 'worker-gpu-0', last_updated: '2026-11-29T10:00:00Z',
  gpus: [{
    index: 0, uuid: 'GPU-8a2f', name: 'NVIDIA H100 80GB HBM3', driver_version: '550.54.15', cuda_version: '12.4',
    memory_total_mb: 81559, memory_used_mb: 30000, memory_free_mb: 51559, utilization_gpu_percent: 97,
    utilization_memory_percent: 60, temperature_celsius: 88, power_draw_watts: 650.2, power_limit_watts: 700,
    fan_speed_percent: null, processes: [{ pid: 4242, process_name: 'vllm', used_memory_mb: 29000, type: 'COMPUTE' }],
  }],
};
const summary = {
  cluster_count: 1, node_count: 1, gpu_count: 1, avg_utilization_percent: 97, avg_memory_utilization_percent: 60,
  memory_total_mb: 81559, memory_used_mb: 30000, process_count: 1, gpus_by_type: { 'NVIDIA H100 80GB HBM3': 1 },
  hottest: [{ cluster_id: CLUSTER, cluster_name: 'edge-paris-01', node_name: 'worker-gpu-0', index: 0, uuid: 'GPU-8a2f', name: 'NVIDIA H100 80GB HBM3', temperature_celsius: 88, utilization_gpu_percent: 97, memory_used_mb: 30000 }],
  idle_gpus: [], clusters_failed: ['core-lyon-01: nvidia-smi did not answer in time'], last_updated: '2026-11-29T10:00:00Z',
};
const processes = [{ cluster_id: CLUSTER, cluster_name: 'edge-paris-01', node_name: 'worker-gpu-0', gpu_index: 0, gpu_uuid: 'GPU-8a2f', pid: 4242, process_name: 'vllm', used_memory_mb: 29000, type: 'COMPUTE' }];
const emptySummary = { ...summary, cluster_count: 0, node_count: 0, gpu_count: 0, avg_utilization_percent: null, avg_memory_utilization_percent: null, memory_total_mb: 0, memory_used_mb: 0, process_count: 0, gpus_by_type: {}, hottest: [], clusters_failed: [] };
const clusters = { items: [{ id: CLUSTER, name: 'edge-paris-01' }], total: 1, page: 1, page_size: 100, total_pages: 1 };

describe('GpusPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the fleet totals, the clusters that could not be read, one row per GPU and the processes', async () => {
    vi.stubGlobal('fetch', fetchFrom({
      'GET /api/v1/clusters': clusters, 'GET /api/v1/gpu/summary': summary, 'GET /api/v1/gpu/nodes': [node], 'GET /api/v1/gpu/processes': processes,
    }).fn);
    const page = renderPage(<GpusPage />);

    const tiles = await screen.findByLabelText('GPU summary');
    expect(within(tiles).getByText('97%')).toBeInTheDocument();
    expect(within(tiles).getByText('29.3 GiB / 79.6 GiB')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('core-lyon-01: nvidia-smi did not answer in time');
    const row = await screen.findByTestId('gpu-GPU-8a2f');
    expect(row).toHaveTextContent('NVIDIA H100 80GB HBM3');
    expect(row).toHaveTextContent('88 °C');
    expect(row).toHaveTextContent('650 / 700 W');
    const procs = await screen.findByRole('table', { name: 'GPU processes' });
    expect(within(procs).getByText('vllm')).toBeInTheDocument();
    expect(within(procs).getByText('4242')).toBeInTheDocument();
    page.stop();
  });

  it('replaces a node row in place on GPU_UPDATE and refetches the totals', async () => {
    let summaryCalls = 0;
    vi.stubGlobal('fetch', fetchFrom({
      'GET /api/v1/clusters': clusters,
      'GET /api/v1/gpu/summary': () => { summaryCalls++; return summary; },
      'GET /api/v1/gpu/nodes': [node],
      'GET /api/v1/gpu/processes': processes,
    }).fn);
    const page = renderPage(<GpusPage />);
    expect(await screen.findByTestId('gpu-GPU-8a2f')).toHaveTextContent('97%');
    await waitFor(() => expect(summaryCalls).toBe(1));

    const cooler = { ...node, last_updated: '2026-11-29T10:00:30Z', gpus: [{ ...node.gpus[0], utilization_gpu_percent: 12, temperature_celsius: 41, processes: [] }] };
    const second = { ...node, node_name: 'worker-gpu-1', gpus: [{ ...node.gpus[0], uuid: 'GPU-77c1', utilization_gpu_percent: 3 }] };
    page.push('GPU_UPDATE', cooler, CLUSTER);
    page.push('GPU_UPDATE', second, CLUSTER);

    // the cache notifies its observers on the next tick
    await waitFor(() => expect(screen.getByTestId('gpu-GPU-8a2f')).toHaveTextContent('12%'));
    expect(screen.getByTestId('gpu-GPU-8a2f')).toHaveTextContent('41 °C');
    expect(await screen.findByTestId('gpu-GPU-77c1')).toHaveTextContent('3%');
    expect(screen.getAllByTestId(/^gpu-node-/).map((r) => r.dataset.testid)).toEqual(['gpu-node-worker-gpu-0', 'gpu-node-worker-gpu-1']);
    await waitFor(() => expect(summaryCalls).toBeGreaterThan(1));
    page.stop();
  });

  it('says why the page is empty when no cluster has GPUs, and filters by cluster', async () => {
    const fetch = fetchFrom({
      'GET /api/v1/clusters': clusters, 'GET /api/v1/gpu/summary': emptySummary, 'GET /api/v1/gpu/nodes': [], 'GET /api/v1/gpu/processes': [],
    });
    vi.stubGlobal('fetch', fetch.fn);
    const page = renderPage(<GpusPage />, { role: 'viewer' });

    expect(await screen.findByText(/No GPU nodes in the fleet/)).toBeInTheDocument();
    expect(within(screen.getByLabelText('GPU summary')).getAllByText('—').length).toBeGreaterThan(0);
    await screen.findByRole('option', { name: 'edge-paris-01' });
    await userEvent.setup().selectOptions(screen.getByLabelText('Cluster'), CLUSTER);

    expect(await screen.findByText(/No GPU nodes in this cluster/)).toBeInTheDocument();
    expect(fetch.calls.map((c) => c.url)).toContain(`/api/v1/gpu/nodes?cluster_id=${CLUSTER}`);
    page.stop();
  });

  it('shows the problem when the collector fails', async () => {
    vi.stubGlobal('fetch', fetchFrom({
      'GET /api/v1/clusters': clusters,
      'GET /api/v1/gpu/summary': new Response(JSON.stringify({ title: 'Service Unavailable', status: 503, detail: 'The cluster registry did not answer' }), { status: 503, headers: { 'Content-Type': 'application/problem+json' } }),
      'GET /api/v1/gpu/nodes': [], 'GET /api/v1/gpu/processes': [],
    }).fn);
    const page = renderPage(<GpusPage />);

    const problem = await screen.findByRole('alert');
    expect(problem).toHaveTextContent('Service Unavailable');
    expect(problem).toHaveTextContent('The cluster registry did not answer');
    page.stop();
  });
});

describe('GpuNodePage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows every reading of the node, [N/A] as a dash, and follows GPU_UPDATE for this node only', async () => {
    vi.stubGlobal('fetch', fetchFrom({ [`GET /api/v1/gpu/nodes/${CLUSTER}/worker-gpu-0`]: node }).fn);
    const page = renderPage(<GpuNodePage />, { path: `/gpus/${CLUSTER}/worker-gpu-0`, route: '/gpus/:clusterId/:nodeName' });

    const readings = await screen.findByLabelText('GPU 0 readings');
    expect(within(readings).getByText('97%')).toBeInTheDocument();
    expect(within(readings).getByText('650 / 700 W')).toBeInTheDocument();
    expect(within(readings).getByText('550.54.15 / 12.4')).toBeInTheDocument();
    // Fan: the H100 reports none
    expect(within(readings).getByText('Fan').nextElementSibling).toHaveTextContent('—');
    expect(within(screen.getByRole('table', { name: 'GPU 0 processes' })).getByText('vllm')).toBeInTheDocument();

    // another node of the same cluster: not this page's
    page.push('GPU_UPDATE', { ...node, node_name: 'worker-gpu-9', gpus: [{ ...node.gpus[0], utilization_gpu_percent: 1 }] }, CLUSTER);
    page.push('GPU_UPDATE', { ...node, gpus: [{ ...node.gpus[0], utilization_gpu_percent: 55, processes: [] }] }, CLUSTER);
    expect(await within(screen.getByLabelText('GPU 0 readings')).findByText('55%')).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'GPU 0 processes' })).toBeNull();
    expect(screen.queryByText('1%')).toBeNull();
    page.stop();
  });
});
