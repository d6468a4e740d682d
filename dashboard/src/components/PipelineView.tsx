import type { Cnf, IntentView, PackageRevision } from '../api/types';

export type StageStatus = 'done' | 'active' | 'waiting' | 'failed' | 'degraded';

export interface Stage {
  key: string;
  title: string;
  status: StageStatus;
  detail: string;
}

const TERMINAL_FAILURE = new Set(['failed', 'cancelled']);

/**
 * An intent's way through the platform, from what the services report: parsing (the intent's parse
 * info), planning (CNFs planned for it), package revisions and their publication (porch-adapter's
 * lifecycle of the CNFs' packages), CNF states per cluster, and the SLO verdict (the intent's final
 * status: completed, degraded or failed).
 */
export function pipelineStages(intent: IntentView, cnfs: Cnf[], packages: PackageRevision[]): Stage[] {
  const failed = TERMINAL_FAILURE.has(intent.status);
  const parse = intent.intent.parse;
  const stages: Stage[] = [
    {
      key: 'parsing',
      title: 'Parsing',
      status: 'done',
      detail: parse ? `${parse.method}${parse.confidence != null ? `, confidence ${Math.round(parse.confidence * 100)}%` : ''}` : 'parsed',
    },
  ];
  const planned = cnfs.length > 0;
  stages.push({
    key: 'planning',
    title: 'Planning',
    status: planned ? 'done' : failed ? 'failed' : 'active',
    detail: planned ? `${cnfs.length} CNF${cnfs.length === 1 ? '' : 's'} planned` : failed ? intent.status_reason ?? intent.status : 'waiting for the planner',
  });
  const wantedPackages = new Set(cnfs.map((c) => c.package_name).filter((n): n is string => Boolean(n)));
  const related = packages.filter((p) => wantedPackages.has(p.package_name));
  const missing = [...wantedPackages].filter((name) => !related.some((p) => p.package_name === name));
  stages.push({
    key: 'packages',
    title: 'Package revisions',
    status: !planned ? (failed ? 'failed' : 'waiting') : wantedPackages.size > 0 && missing.length === 0 ? 'done' : failed ? 'failed' : 'active',
    detail: related.length > 0 ? related.map((p) => `${p.package_name} v${p.revision} ${p.lifecycle}`).join(', ') : 'none yet',
  });
  const published = related.filter((p) => p.lifecycle === 'Published');
  const allPublished = wantedPackages.size > 0 && [...wantedPackages].every((name) => published.some((p) => p.package_name === name));
  stages.push({
    key: 'publication',
    title: 'Publication',
    status: allPublished ? 'done' : related.length === 0 ? (failed ? 'failed' : 'waiting') : failed ? 'failed' : 'active',
    detail: `${published.length} of ${wantedPackages.size} published`,
  });
  const active = cnfs.filter((c) => c.state === 'ACTIVE').length;
  const broken = cnfs.filter((c) => c.state === 'FAILED').length;
  const degraded = cnfs.filter((c) => c.state === 'DEGRADED' || c.state === 'HEALING').length;
  stages.push({
    key: 'cnfs',
    title: 'CNF states',
    status: !planned ? 'waiting' : broken > 0 ? 'failed' : degraded > 0 ? 'degraded' : active === cnfs.length ? 'done' : 'active',
    detail: planned ? `${active} of ${cnfs.length} active` : 'no CNFs yet',
  });
  const slo: Record<string, [StageStatus, string]> = {
    completed: ['done', 'met'],
    degraded: ['degraded', 'degraded'],
    failed: ['failed', intent.status_reason ?? 'failed'],
    cancelled: ['failed', 'cancelled'],
  };
  const [sloStatus, sloDetail] = slo[intent.status] ?? ['waiting', 'not yet evaluated'];
  stages.push({ key: 'slo', title: 'SLO status', status: sloStatus, detail: sloDetail });
  return stages;
}

const STAGE_STYLE: Record<StageStatus, string> = {
  done: 'border-green-500 bg-green-50 dark:bg-green-950',
  active: 'border-blue-500 bg-blue-50 dark:bg-blue-950',
  waiting: 'border-slate-300 bg-white dark:bg-slate-800',
  failed: 'border-red-500 bg-red-50 dark:bg-red-950',
  degraded: 'border-amber-500 bg-amber-50 dark:bg-amber-950',
};

export function PipelineView({ intent, cnfs, packages }: { intent: IntentView; cnfs: Cnf[]; packages: PackageRevision[] }) {
  const stages = pipelineStages(intent, cnfs, packages);
  return (
    <div className="space-y-4">
      <ol aria-label="Pipeline" className="grid gap-2 md:grid-cols-6">
        {stages.map((stage) => (
          <li key={stage.key} data-stage={stage.key} data-status={stage.status} className={`rounded border-2 p-2 text-sm ${STAGE_STYLE[stage.status]}`}>
            <p className="font-semibold">{stage.title}</p>
            <p className="text-xs font-semibold uppercase">{stage.status}</p>
            <p className="text-xs">{stage.detail}</p>
          </li>
        ))}
      </ol>
      {cnfs.length > 0 && (
        <table className="w-full text-left text-sm" aria-label="CNFs per cluster">
          <thead><tr><th>CNF</th><th>Function</th><th>Cluster</th><th>Site</th><th>State</th><th>Replicas</th><th>Package</th></tr></thead>
          <tbody>
            {cnfs.map((c) => (
              <tr key={c.id} data-cnf={c.name}>
                <td>{c.name}</td><td>{c.function}</td><td>{c.cluster_name ?? c.cluster_id ?? '—'}</td><td>{c.site ?? '—'}</td>
                <td>{c.state}</td><td>{c.ready_replicas}/{c.replicas}</td><td>{c.package_name ? `${c.package_name}${c.package_revision ? ` v${c.package_revision}` : ''}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
