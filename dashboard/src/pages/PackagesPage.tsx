import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/http';
import type { PackageRevision, Paged } from '../api/types';
import { RequireRole } from '../auth/AuthContext';
import { Button, Card, Empty, Field, inputClass, ProblemView, Spinner } from '../components/ui';
import { useLiveEvents } from '../live/LiveContext';
import { useFormatTime } from '../settings';

interface Resources {
  name: string;
  resource_version: number;
  resources: Record<string, string>;
}

/** A plain line diff (longest common subsequence), enough for package manifests of a few hundred lines. */
export function lineDiff(a: string, b: string): { kind: ' ' | '-' | '+'; line: string }[] {
  const x = a.split('\n');
  const y = b.split('\n');
  const table = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) for (let j = y.length - 1; j >= 0; j--)
    table[i][j] = x[i] === y[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  const out: { kind: ' ' | '-' | '+'; line: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) { out.push({ kind: ' ', line: x[i] }); i++; j++; }
    else if (table[i + 1][j] >= table[i][j + 1]) out.push({ kind: '-', line: x[i++] });
    else out.push({ kind: '+', line: y[j++] });
  }
  while (i < x.length) out.push({ kind: '-', line: x[i++] });
  while (j < y.length) out.push({ kind: '+', line: y[j++] });
  return out;
}

const ACTIONS: Record<string, { action: string; label: string }[]> = {
  Draft: [{ action: 'propose', label: 'Propose' }],
  Proposed: [{ action: 'approve', label: 'Approve' }, { action: 'reject', label: 'Reject' }],
  Published: [{ action: 'propose-delete', label: 'Propose deletion' }],
  DeletionProposed: [{ action: 'reject', label: 'Keep (reject deletion)' }],
};

function Files({ name, compareWith }: { name: string; compareWith: string | null }) {
  const files = useQuery({ queryKey: ['packages', name, 'resources'], queryFn: () => api<Resources>(`/api/v1/packages/${name}/resources`) });
  const other = useQuery({
    queryKey: ['packages', compareWith, 'resources'],
    queryFn: () => api<Resources>(`/api/v1/packages/${compareWith}/resources`),
    enabled: compareWith !== null,
  });
  const [file, setFile] = useState<string | null>(null);
  if (files.isPending) return <Spinner />;
  if (files.isError) return <ProblemView error={files.error} />;
  const names = Object.keys(files.data.resources);
  const shown = file ?? names[0] ?? null;
  const diff = compareWith && other.data && shown ? lineDiff(other.data.resources[shown] ?? '', files.data.resources[shown] ?? '') : null;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-1">
        {names.map((n) => (
          <button key={n} type="button" onClick={() => setFile(n)} className={`rounded px-2 py-0.5 font-mono text-xs ${n === shown ? 'bg-blue-700 text-white' : 'border border-slate-400'}`}>{n}</button>
        ))}
      </div>
      {other.isError && <ProblemView error={other.error} />}
      {shown && (diff ? (
        <pre aria-label={`Diff of ${shown}`} className="max-h-96 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-900">
          {diff.map((d, k) => (
            <div key={k} className={d.kind === '+' ? 'bg-green-200 dark:bg-green-900' : d.kind === '-' ? 'bg-red-200 dark:bg-red-900' : ''}>{d.kind} {d.line}</div>
          ))}
        </pre>
      ) : (
        <pre aria-label={shown} className="max-h-96 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-900">{files.data.resources[shown]}</pre>
      ))}
    </div>
  );
}

export default function PackagesPage() {
  const queries = useQueryClient();
  const formatTime = useFormatTime();
  const [selected, setSelected] = useState<string | null>(null);
  const [compare, setCompare] = useState<string>('');
  const list = useQuery({ queryKey: ['packages'], queryFn: () => api<Paged<PackageRevision>>('/api/v1/packages?page_size=100') });
  useLiveEvents(['PACKAGE_REVISION_CHANGED'], () => queries.invalidateQueries({ queryKey: ['packages'] }));
  const act = useMutation({
    mutationFn: ({ name, action }: { name: string; action: string }) => api<PackageRevision>(`/api/v1/packages/${name}/${action}`, { method: 'POST' }),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['packages'] }),
  });
  const grouped = useMemo(() => {
    const groups = new Map<string, PackageRevision[]>();
    for (const p of list.data?.items ?? []) groups.set(p.package_name, [...(groups.get(p.package_name) ?? []), p]);
    return [...groups.entries()];
  }, [list.data]);
  const selectedRevision = list.data?.items.find((p) => p.name === selected);
  const siblings = selectedRevision ? list.data!.items.filter((p) => p.package_name === selectedRevision.package_name && p.name !== selected) : [];

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Packages</h1>
      <ProblemView error={act.error} />
      {list.isPending ? <Spinner /> : list.isError ? <ProblemView error={list.error} /> : grouped.length === 0 ? <Empty>No package revisions yet.</Empty> : (
        <div className="grid gap-4 lg:grid-cols-2">
          <div className="space-y-3">
            {grouped.map(([name, revisions]) => (
              <Card key={name} title={name}>
                <table className="w-full text-left text-sm">
                  <thead><tr><th>Revision</th><th>Lifecycle</th><th>Site</th><th>Updated</th><th /></tr></thead>
                  <tbody>
                    {revisions.map((r) => (
                      <tr key={r.name}>
                        <td><button type="button" className="underline" onClick={() => { setSelected(r.name); setCompare(''); }}>{r.revision > 0 ? `v${r.revision}` : r.workspace_name}</button></td>
                        <td>{r.lifecycle}</td><td>{r.site ?? '—'}</td><td>{formatTime(r.updated_at)}</td>
                        <td className="space-x-1 text-right">
                          <RequireRole role="operator">
                            {(ACTIONS[r.lifecycle] ?? []).map((a) => (
                              <Button key={a.action} variant="secondary" disabled={act.isPending} onClick={() => act.mutate({ name: r.name, action: a.action })}>{a.label}</Button>
                            ))}
                          </RequireRole>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Card>
            ))}
          </div>
          <Card title={selected ? `Files of ${selected}` : 'Files'}>
            {selected === null ? <Empty>Pick a revision to see its files.</Empty> : (
              <div className="space-y-2">
                {siblings.length > 0 && (
                  <Field label="Diff against">
                    <select className={inputClass} value={compare} onChange={(e) => setCompare(e.target.value)}>
                      <option value="">no diff</option>
                      {siblings.map((s) => <option key={s.name} value={s.name}>{s.revision > 0 ? `v${s.revision}` : s.workspace_name} ({s.lifecycle})</option>)}
                    </select>
                  </Field>
                )}
                <Files name={selected} compareWith={compare || null} />
              </div>
            )}
          </Card>
        </div>
      )}
    </div>
  );
}
