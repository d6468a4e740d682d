import { render, screen, within } from '@testing-library/react';
import type { Cnf, IntentView, PackageRevision } from '../api/types';
import { PipelineView } from './PipelineView';

const intent = (status: string): IntentView => ({
  id: 'i-1', text: 'Deploy eMBB on site-a with 500 Mbps', status, status_reason: null, created_at: '2026-11-29T10:00:00Z', updated_at: '2026-11-29T10:00:00Z',
  intent: { intent_type: 'deployment', service_type: 'eMBB', target_sites: ['site-a'], cnf_functions: ['UPF'], replicas: 2, sla: { bandwidth_mbps: 500 }, parse: { method: 'rules', confidence: 0.9 } },
});
const cnf = (state: string): Cnf => ({
  id: 'c-1', name: 'upf-site-a', function: 'UPF', cluster_id: 'k-1', cluster_name: 'edge-a', site: 'site-a', state, replicas: 2, ready_replicas: state === 'ACTIVE' ? 2 : 0,
  intent_id: 'i-1', package_name: 'upf-site-a', package_revision: 1,
});
const revision = (lifecycle: PackageRevision['lifecycle']): PackageRevision => ({
  name: 'upf-site-a-v1', package_name: 'upf-site-a', repository: 'deployments', workspace_name: 'ws-1', revision: 1, lifecycle, site: 'site-a',
  created_at: '2026-11-29T10:00:00Z', updated_at: '2026-11-29T10:00:00Z',
});

function statusOf(stage: string) {
  const pipeline = screen.getByRole('list', { name: 'Pipeline' });
  return within(pipeline).getAllByRole('listitem').find((li) => li.dataset.stage === stage)!.dataset.status;
}

describe('PipelineView', () => {
  it('shows a just-acknowledged intent parsed and waiting for the planner', () => {
    render(<PipelineView intent={intent('acknowledged')} cnfs={[]} packages={[]} />);
    expect(statusOf('parsing')).toBe('done');
    expect(screen.getByText('rules, confidence 90%')).toBeInTheDocument();
    expect(statusOf('planning')).toBe('active');
    expect(statusOf('packages')).toBe('waiting');
    expect(statusOf('slo')).toBe('waiting');
  });

  it('advances as packages are proposed and published and CNFs come up', () => {
    const { rerender } = render(<PipelineView intent={intent('inProgress')} cnfs={[cnf('PROVISIONING')]} packages={[revision('Proposed')]} />);
    expect(statusOf('planning')).toBe('done');
    expect(statusOf('packages')).toBe('done');
    expect(statusOf('publication')).toBe('active');
    expect(statusOf('cnfs')).toBe('active');

    rerender(<PipelineView intent={intent('completed')} cnfs={[cnf('ACTIVE')]} packages={[revision('Published')]} />);
    expect(statusOf('publication')).toBe('done');
    expect(statusOf('cnfs')).toBe('done');
    expect(statusOf('slo')).toBe('done');
    expect(within(screen.getByRole('table', { name: 'CNFs per cluster' })).getByText('edge-a')).toBeInTheDocument();
  });

  it('marks a failed CNF and a failed intent', () => {
    render(<PipelineView intent={{ ...intent('failed'), status_reason: 'quota exceeded' }} cnfs={[cnf('FAILED')]} packages={[revision('Published')]} />);
    expect(statusOf('cnfs')).toBe('failed');
    expect(statusOf('slo')).toBe('failed');
    expect(screen.getByText('quota exceeded')).toBeInTheDocument();
  });
});
