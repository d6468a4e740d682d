// One fetch wrapper for every API call: the bearer token, JSON both ways, and RFC 9457 problems turned
// into ApiError so pages can show the title and the field messages.

import type { Paged } from './types';

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  trace_id?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

type TokenSource = () => string | null;
let tokenSource: TokenSource = () => null;
let onUnauthorized: () => void = () => {};

/** The auth module tells the client where the current token is and what to do on a 401. */
export function configureHttp(source: TokenSource, unauthorized: () => void) {
  tokenSource = source;
  onUnauthorized = unauthorized;
}

export function authHeader(): Record<string, string> {
  const token = tokenSource();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export async function readProblem(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    const parsed = JSON.parse(text);
    if (parsed && typeof parsed === 'object') return parsed as Problem;
  } catch {
    // not JSON (a proxy's HTML page, say): fall through to the status line
  }
  return { title: response.statusText || `HTTP ${response.status}`, status: response.status };
}

export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, headers, ...rest } = init;
  const response = await fetch(path, {
    ...rest,
    headers: {
      Accept: 'application/json, application/problem+json',
      ...(json !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...authHeader(),
      ...(headers as Record<string, string> | undefined),
    },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  if (!response.ok) {
    if (response.status === 401) onUnauthorized();
    throw new ApiError(response.status, await readProblem(response));
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Every item of a paged list (pages of 100, the platform's maximum): the first page says how many there are,
 * the rest are fetched together. For lists an operator expects whole (the fleet's clusters), not for
 * unbounded ones (events, history).
 */
export async function apiAll<T>(path: string): Promise<T[]> {
  const separator = path.includes('?') ? '&' : '?';
  const page = (n: number) => api<Paged<T>>(`${path}${separator}page=${n}&page_size=${MAX_PAGE_SIZE}`);
  const first = await page(1);
  const rest = await Promise.all(Array.from({ length: Math.max(0, first.total_pages - 1) }, (_, i) => page(i + 2)));
  return [first, ...rest].flatMap((p) => p.items);
}

const MAX_PAGE_SIZE = 100;

export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
