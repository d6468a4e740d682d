import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { ApiError } from '../api/http';

export function Spinner({ label = 'Loading…' }: { label?: string }) {
  return (
    <div role="status" className="flex items-center gap-2 p-4 text-sm text-slate-700 dark:text-slate-300">
      <span className="inline-block h-4 w-4 animate-spin rounded-full border-2 border-slate-400 border-t-transparent" />
      {label}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="rounded border border-dashed border-slate-300 p-6 text-center text-sm text-slate-700 dark:border-slate-600 dark:text-slate-300">{children}</p>;
}

/** An API problem: its title, detail and each field message. */
export function ProblemView({ error }: { error: unknown }) {
  if (!error) return null;
  const problem =
    error instanceof ApiError
      ? error.problem
      : { title: error instanceof Error ? error.message : String(error) };
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-100">
      <p className="font-semibold">{problem.title ?? 'Request failed'}</p>
      {problem.detail && <p>{problem.detail}</p>}
      {problem.errors && problem.errors.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {problem.errors.map((e) => (
            <li key={`${e.field}:${e.message}`}>
              <code>{e.field}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Button({ variant = 'primary', className = '', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'danger' }) {
  const styles = {
    primary: 'bg-blue-700 text-white hover:bg-blue-800 disabled:bg-blue-300',
    secondary: 'border border-slate-400 bg-white text-slate-900 hover:bg-slate-100 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700',
    danger: 'bg-red-700 text-white hover:bg-red-800 disabled:bg-red-300',
  }[variant];
  return <button type="button" className={`rounded px-3 py-1.5 text-sm font-medium ${styles} ${className}`} {...props} />;
}

export function Card({ title, children, actions }: { title?: ReactNode; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-700 dark:bg-slate-800">
      {(title || actions) && (
        <div className="mb-3 flex items-center justify-between gap-2">
          {title && <h2 className="text-base font-semibold">{title}</h2>}
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}

export const STATE_COLOURS: Record<string, string> = {
  ONLINE: 'bg-green-100 text-green-900 border-green-400 dark:bg-green-900 dark:text-green-100',
  DEGRADED: 'bg-amber-100 text-amber-900 border-amber-400 dark:bg-amber-900 dark:text-amber-100',
  OFFLINE: 'bg-red-100 text-red-900 border-red-400 dark:bg-red-900 dark:text-red-100',
  UNKNOWN: 'bg-slate-100 text-slate-800 border-slate-400 dark:bg-slate-700 dark:text-slate-100',
  PROVISIONING: 'bg-blue-100 text-blue-900 border-blue-400 dark:bg-blue-900 dark:text-blue-100',
};

export function StateBadge({ state }: { state: string }) {
  return <span className={`inline-block rounded border px-1.5 py-0.5 text-xs font-semibold ${STATE_COLOURS[state] ?? STATE_COLOURS.UNKNOWN}`}>{state}</span>;
}

export const inputClass =
  'rounded border border-slate-400 bg-white px-2 py-1 text-sm text-slate-900 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100';

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium">{label}</span>
      {children}
    </label>
  );
}

export function Pager({ page, totalPages, onPage }: { page: number; totalPages: number; onPage: (page: number) => void }) {
  if (totalPages <= 1) return null;
  return (
    <nav aria-label="Pages" className="mt-3 flex items-center gap-2 text-sm">
      <Button variant="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>Previous</Button>
      <span>Page {page} of {totalPages}</span>
      <Button variant="secondary" disabled={page >= totalPages} onClick={() => onPage(page + 1)}>Next</Button>
    </nav>
  );
}
