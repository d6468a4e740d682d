import { act, render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { AuthProvider } from '../auth/AuthContext';
import { LiveProvider } from '../live/LiveContext';
import { StreamClient } from '../live/StreamClient';
import { ScriptedSocket } from './fakes';

/** An unsigned token with the given role (the console only reads the claims; the API verifies). */
export function tokenFor(role: string) {
  const part = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '');
  return `${part({ alg: 'none' })}.${part({ sub: 'ada', roles: [role] })}.sig`;
}

/**
 * A page as the console mounts it: signed in with the role, a query client without retries, and a live
 * stream over a scripted socket that is already authenticated and subscribed. `push` delivers an event.
 */
export function renderPage(page: ReactNode, { role = 'operator', path = '/', route = '/' }: { role?: string; path?: string; route?: string } = {}) {
  const sockets: ScriptedSocket[] = [];
  const client = new StreamClient({
    url: 'ws://console.test/ws', token: () => 'token',
    socketFactory: (url) => { const s = new ScriptedSocket(url); sockets.push(s); return s; },
  });
  const view = render(
    <MemoryRouter initialEntries={[path]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <AuthProvider initialToken={tokenFor(role)}>
        <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
          <LiveProvider client={client}>
            <Routes><Route path={route} element={page} /></Routes>
          </LiveProvider>
        </QueryClientProvider>
      </AuthProvider>
    </MemoryRouter>,
  );
  const socket = sockets[0];
  act(() => socket.open());
  act(() => socket.receive({ type: 'auth_response', status: 'ok', client_id: 'c1' }));
  act(() => socket.receive({ type: 'subscribed', epoch: 'e1', offset: 0 }));
  let offset = 0;
  const push = (eventType: string, payload: object, clusterId?: string) =>
    act(() => socket.receive({
      type: 'event', event_id: `ev-${++offset}`, event_type: eventType, cluster_id: clusterId ?? null,
      timestamp: new Date().toISOString(), offset, epoch: 'e1', payload,
    }));
  return { ...view, push, stop: () => client.stop() };
}
