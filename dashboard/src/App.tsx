import { lazy, Suspense, useMemo } from 'react';
import { NavLink, Route, Routes } from 'react-router-dom';
import { useAuth } from './auth/AuthContext';
import { Spinner } from './components/ui';
import { LiveProvider, useConnectionState } from './live/LiveContext';
import { StreamClient, websocketUrl } from './live/StreamClient';
import FleetPage from './pages/FleetPage';
import SignInPage from './pages/SignInPage';

// every page but the fleet is its own chunk: the initial bundle stays small, charts and Markdown load
// with the pages that need them
const ClustersPage = lazy(() => import('./pages/ClustersPage'));
const ClusterDetailPage = lazy(() => import('./pages/ClusterDetailPage'));
const MetricsPage = lazy(() => import('./pages/MetricsPage'));
const AlertsPage = lazy(() => import('./pages/AlertsPage'));
const AssistantPage = lazy(() => import('./pages/AssistantPage'));
const IntentsPage = lazy(() => import('./pages/IntentsPage'));
const IntentDetailPage = lazy(() => import('./pages/IntentDetailPage'));
const PackagesPage = lazy(() => import('./pages/PackagesPage'));
const RulesPage = lazy(() => import('./pages/RulesPage'));
const GpusPage = lazy(() => import('./pages/GpusPage'));
const GpuNodePage = lazy(() => import('./pages/GpuNodePage'));
const AnomaliesPage = lazy(() => import('./pages/AnomaliesPage'));
const AnomalyDetailPage = lazy(() => import('./pages/AnomalyDetailPage'));
const SettingsPage = lazy(() => import('./pages/SettingsPage'));
const OidcCallbackPage = lazy(() => import('./pages/OidcCallbackPage'));

const NAV = [
  ['/', 'Fleet'],
  ['/clusters', 'Clusters'],
  ['/metrics', 'Metrics'],
  ['/alerts', 'Alerts'],
  ['/gpus', 'GPUs'],
  ['/anomalies', 'Anomalies'],
  ['/assistant', 'Assistant'],
  ['/intents', 'Intents'],
  ['/packages', 'Packages'],
  ['/rules', 'Rules'],
  ['/settings', 'Settings'],
] as const;

function LiveIndicator() {
  const state = useConnectionState();
  const colour = state === 'open' ? 'bg-green-500' : state === 'connecting' ? 'bg-amber-500' : 'bg-red-500';
  return (
    <span className="flex items-center gap-1 text-xs" data-testid="live-state" data-state={state}>
      <span className={`inline-block h-2 w-2 rounded-full ${colour}`} aria-hidden="true" /> {state === 'open' ? 'Live' : state === 'connecting' ? 'Connecting' : 'Offline'}
    </span>
  );
}

function Shell() {
  const { identity, signOut } = useAuth();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-800">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
          <span className="font-semibold">AIOps NextGen</span>
          <nav aria-label="Main" className="flex flex-wrap gap-1 text-sm">
            {NAV.map(([to, label]) => (
              <NavLink key={to} to={to} end={to === '/'}
                className={({ isActive }) => `rounded px-2 py-1 ${isActive ? 'bg-blue-700 text-white' : 'hover:bg-slate-100 dark:hover:bg-slate-700'}`}>
                {label}
              </NavLink>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <LiveIndicator />
            <span data-testid="whoami">{identity?.user} ({[...(identity?.roles ?? [])].sort().join(', ')})</span>
            <button type="button" className="underline" onClick={signOut}>Sign out</button>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl p-4">
        <Suspense fallback={<Spinner />}>
          <Routes>
            <Route path="/" element={<FleetPage />} />
            <Route path="/fleet" element={<FleetPage />} />
            <Route path="/clusters" element={<ClustersPage />} />
            <Route path="/clusters/:id" element={<ClusterDetailPage />} />
            <Route path="/metrics" element={<MetricsPage />} />
            <Route path="/alerts" element={<AlertsPage />} />
            <Route path="/gpus" element={<GpusPage />} />
            <Route path="/gpus/:clusterId/:nodeName" element={<GpuNodePage />} />
            <Route path="/anomalies" element={<AnomaliesPage />} />
            <Route path="/anomalies/:id" element={<AnomalyDetailPage />} />
            <Route path="/assistant" element={<AssistantPage />} />
            <Route path="/intents" element={<IntentsPage />} />
            <Route path="/intents/:id" element={<IntentDetailPage />} />
            <Route path="/packages" element={<PackagesPage />} />
            <Route path="/rules" element={<RulesPage />} />
            <Route path="/settings" element={<SettingsPage />} />
            <Route path="*" element={<p>Nothing here. Pick a page above.</p>} />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}

export default function App() {
  const { token } = useAuth();
  const client = useMemo(
    () => (token ? new StreamClient({ url: websocketUrl(), token: () => token }) : null),
    [token],
  );
  if (window.location.pathname === '/auth/callback') {
    return <Suspense fallback={<Spinner />}><OidcCallbackPage /></Suspense>;
  }
  if (!token) return <SignInPage />;
  return (
    <LiveProvider client={client}>
      <Shell />
    </LiveProvider>
  );
}
