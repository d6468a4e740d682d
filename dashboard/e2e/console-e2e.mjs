// End to end in a real Chromium (Debian's /usr/bin/chromium driven by playwright-core) against a running
// platform (the launcher): dev sign-in, a cluster registered in the console appearing live on the fleet
// page, a PromQL query answered by the cluster's real Prometheus, the GPU page (empty: no DCGM there), an
// anomaly detection over that Prometheus's data, an alert fired and resolved through the Alertmanager
// webhook and seen live, its root-cause analysis, an intent submitted and its pipeline view, a chat with
// the fallback assistant, and a viewer who sees no write buttons. Every page is
// screenshotted and checked with axe-core (no serious or critical violation). Figures (initial JS
// gzipped, first contentful paint) go to $FIGURES_FILE.
//
//   BASE_URL=http://localhost:8080 PROMETHEUS_URL=http://127.0.0.1:9090 node e2e/console-e2e.mjs
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { gzipSync } from 'node:zlib';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const BASE = process.env.BASE_URL ?? 'http://localhost:8080';
const PROMETHEUS = process.env.PROMETHEUS_URL;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = resolve(process.env.SCREENSHOT_DIR ?? join(here, '..', 'target', 'e2e-screenshots'));
const FIGURES = resolve(process.env.FIGURES_FILE ?? join(here, '..', 'target', 'console-figures.json'));
const DIST = resolve(process.env.DIST_DIR ?? join(here, '..', 'dist'));
const LIMIT_MS = Number(process.env.E2E_LIMIT_MS ?? 240_000);
const STEP_MS = 30_000;

mkdirSync(SHOTS, { recursive: true });
mkdirSync(dirname(FIGURES), { recursive: true });
const guard = setTimeout(() => {
  console.error(`console-e2e: over ${LIMIT_MS} ms, giving up`);
  process.exit(2);
}, LIMIT_MS);

const a11y = [];
const steps = [];
const figures = {};
const suffix = Date.now().toString(36);

const started = Date.now();
function step(name) {
  steps.push(name);
  console.log(`console-e2e: [${((Date.now() - started) / 1000).toFixed(1)} s] ${name}`);
}

async function check(page, name) {
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const result = await new AxeBuilder({ page }).analyze();
  for (const v of result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
    a11y.push(`${name}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }
}

/** Initial JavaScript: the entry script and its modulepreloads named by index.html, gzipped. */
function initialJsGzip() {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  return files.reduce((sum, file) => sum + gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length, 0);
}

async function signIn(page, user, role) {
  await page.goto(`${BASE}/`);
  const form = page.getByRole('form', { name: 'Dev sign-in' });
  await form.waitFor({ timeout: STEP_MS });
  await form.getByLabel('User').fill(user);
  await form.getByLabel('Role').selectOption(role);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Fleet', level: 1 }).waitFor({ timeout: STEP_MS });
}

/** A platform token minted by the gateway's dev sign-in, for the calls the journey makes as Alertmanager would. */
async function devToken(user, role) {
  const response = await fetch(`${BASE}/auth/dev-token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user, roles: [role] }),
  });
  if (!response.ok) throw new Error(`dev token: HTTP ${response.status}`);
  return (await response.json()).access_token;
}

/** What a cluster's Alertmanager sends the collector (webhook v4), firing or resolved. */
async function alertmanagerWebhook(token, cluster, alertname, fingerprint, status, startsAt) {
  const alert = {
    status,
    labels: { alertname, severity: 'warning', job: 'console-e2e' },
    annotations: { summary: 'raised by the console end-to-end test' },
    startsAt,
    endsAt: status === 'resolved' ? new Date().toISOString() : '0001-01-01T00:00:00Z',
    generatorURL: 'http://prometheus.e2e.invalid/graph',
    fingerprint,
  };
  const response = await fetch(`${BASE}/api/v1/alerts/webhook?cluster=${encodeURIComponent(cluster)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({
      version: '4', groupKey: `{}:{alertname="${alertname}"}`, status, receiver: 'aiops', truncatedAlerts: 0,
      groupLabels: { alertname }, commonLabels: alert.labels, commonAnnotations: alert.annotations,
      externalURL: 'http://alertmanager.e2e.invalid:9093', alerts: [alert],
    }),
  });
  if (!response.ok) throw new Error(`alert webhook (${status}): HTTP ${response.status} ${await response.text()}`);
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  // root in CI: Chromium's sandbox needs an unprivileged user
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
});
let failed = null;
try {
  if (existsSync(join(DIST, 'index.html'))) figures.initial_js_gzip_bytes = initialJsGzip();

  // first contentful paint of a cold load of the console
  step('first contentful paint');
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${BASE}/`, { waitUntil: 'load' });
    await page.getByRole('form', { name: 'Dev sign-in' }).waitFor({ timeout: STEP_MS });
    figures.fcp_ms = await page.evaluate(() => {
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      return paint ? Math.round(paint.startTime) : null;
    });
    await check(page, '01-sign-in');
    await context.close();
  }

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const fleet = await context.newPage();
  // what the fleet tab hears over /ws, for the log when a live step fails
  fleet.on('websocket', (ws) => {
    ws.on('framereceived', (frame) => {
      const text = String(frame.payload);
      const type = /"type":"([a-z_]+)"/.exec(text)?.[1];
      const event = /"event_type":"([A-Z_]+)"/.exec(text)?.[1];
      console.log(`console-e2e: fleet tab /ws <- ${type}${event ? ` ${event}` : ''}`);
    });
    ws.on('close', () => console.log('console-e2e: fleet tab /ws closed'));
  });
  fleet.on('console', (message) => {
    if (message.type() === 'error') console.log(`console-e2e: fleet tab console: ${message.text()}`);
  });
  step('sign in as admin (dev)');
  await signIn(fleet, 'e2e-admin', 'admin');
  await fleet.getByTestId('live-state').and(fleet.locator('[data-state="open"]')).waitFor({ timeout: STEP_MS });

  // live only: no polling, so what appears on the fleet page came over the WebSocket
  step('settings: live events only');
  await fleet.getByRole('link', { name: 'Settings' }).click();
  await fleet.getByLabel('Refresh interval').selectOption('0');
  await check(fleet, '10-settings');
  await fleet.getByRole('link', { name: 'Fleet' }).click();
  await fleet.getByRole('heading', { name: 'Fleet', level: 1 }).waitFor();
  await check(fleet, '02-fleet');

  step('register a cluster in a second tab; it appears live on the fleet page');
  const name = `e2e-${suffix}`;
  const operator = await context.newPage();
  // the events the operator tab hears that the new pages follow, for the log (the alert rows come from these)
  operator.on('websocket', (ws) => {
    ws.on('framereceived', (frame) => {
      const event = /"event_type":"((?:ALERT|ANOMALY|RCA|GPU)_[A-Z_]+)"/.exec(String(frame.payload))?.[1];
      if (event) console.log(`console-e2e: operator tab /ws <- event ${event}`);
    });
  });
  await signIn(operator, 'e2e-operator', 'operator');
  await operator.getByRole('link', { name: 'Clusters' }).click();
  await operator.getByRole('button', { name: 'Register cluster' }).click();
  const form = operator.getByRole('form', { name: 'Register cluster' });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('API server URL').fill(PROMETHEUS ?? 'https://api.e2e.invalid:6443');
  await form.getByLabel('Region').fill('e2e-region');
  if (PROMETHEUS) await form.getByLabel('Prometheus URL').fill(PROMETHEUS);
  await check(operator, '03-clusters-register');
  await form.getByRole('button', { name: 'Register' }).click();
  await operator.getByRole('link', { name }).waitFor({ timeout: STEP_MS });
  // events pass the registry's outbox and Redis first: generous on a loaded machine
  await fleet.getByTestId(`cluster-tile-${name}`).waitFor({ timeout: 60_000 });
  figures.live_cluster_seen = true;
  await check(operator, '04-clusters');

  step('cluster detail');
  await operator.getByRole('link', { name }).click();
  await operator.getByRole('heading', { name: 'Capabilities' }).waitFor({ timeout: STEP_MS });
  await check(operator, '05-cluster-detail');

  step('PromQL query over the fleet');
  await operator.getByRole('link', { name: 'Metrics' }).click();
  await operator.locator('form[aria-label="PromQL query"] textarea').fill('up');
  let status = null;
  const until = Date.now() + 60_000;
  // the collector learns about new clusters from the registry on its own schedule: ask again until it does
  while (Date.now() < until) {
    await operator.getByRole('button', { name: 'Run query' }).click();
    const results = operator.getByRole('table', { name: 'Cluster results' });
    await results.waitFor({ timeout: STEP_MS }).catch(() => {});
    const row = results.getByRole('row').filter({ hasText: name });
    if (await row.count()) {
      status = (await row.getByRole('cell').nth(1).textContent())?.trim();
      if (status === 'SUCCESS' || !PROMETHEUS) break;
    }
    await operator.waitForTimeout(3000);
  }
  figures.promql_cluster_status = status;
  if (!status) throw new Error(`the PromQL answer never listed cluster ${name}`);
  if (PROMETHEUS && status !== 'SUCCESS') throw new Error(`the cluster's Prometheus answered ${status}`);
  await check(operator, '06-metrics');

  step('alerts page');
  await operator.getByRole('link', { name: 'Alerts' }).click();
  await operator.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();
  await check(operator, '07-alerts');

  step('submit an intent and open its pipeline');
  await operator.getByRole('link', { name: 'Intents' }).click();
  await operator.getByRole('button', { name: 'Deploy eMBB…' }).click();
  await operator.getByRole('button', { name: 'Submit intent' }).click();
  const accepted = operator.getByRole('status').filter({ hasText: 'Accepted as' });
  await accepted.waitFor({ timeout: STEP_MS });
  await accepted.getByRole('list', { name: 'Parsed intent' }).or(accepted.locator('dl[aria-label="Parsed intent"]')).first().waitFor();
  await accepted.getByRole('link').click();
  const pipeline = operator.getByRole('list', { name: 'Pipeline' });
  await pipeline.waitFor({ timeout: STEP_MS });
  const parsing = await pipeline.locator('[data-stage="parsing"]').getAttribute('data-status');
  if (parsing !== 'done') throw new Error(`parsing stage is ${parsing}`);
  // give the planner a moment, then record where the pipeline got to (the events move it live)
  await operator.waitForTimeout(5000);
  figures.intent_pipeline = Object.fromEntries(
    await pipeline.locator('[data-stage]').evaluateAll((els) => els.map((e) => [e.dataset.stage, e.dataset.status])),
  );
  await check(operator, '08-intent-pipeline');

  step('packages page');
  await operator.getByRole('link', { name: 'Packages' }).click();
  await operator.getByRole('heading', { name: 'Packages', level: 1 }).waitFor();
  await check(operator, '09-packages');

  step('chat with the fallback assistant');
  await operator.getByRole('link', { name: 'Assistant' }).click();
  await operator.getByRole('button', { name: 'New conversation' }).click();
  await operator.locator('#chat-input').fill('How many clusters are there?');
  await operator.getByRole('button', { name: 'Send' }).click();
  const conversation = operator.getByRole('list', { name: 'Conversation' });
  await conversation.locator('[data-role="ASSISTANT"]').first().waitFor({ timeout: 60_000 });
  // the answer is complete when the in-progress cursor is gone
  await operator.getByLabel('Answer in progress').waitFor({ state: 'detached', timeout: 60_000 }).catch(() => {});
  figures.chat_fallback_labelled = await operator
    .getByText('Fallback assistant (no language model)')
    .first()
    .waitFor({ timeout: STEP_MS })
    .then(() => true, () => false);
  await check(operator, '11-assistant');

  step('a viewer sees no write buttons');
  const viewerContext = await browser.newContext({ viewport: { width: 1024, height: 1366 } }); // a tablet
  const viewer = await viewerContext.newPage();
  await signIn(viewer, 'e2e-viewer', 'viewer');
  await viewer.getByRole('link', { name: 'Clusters' }).click();
  await viewer.getByRole('link', { name }).waitFor({ timeout: STEP_MS });
  if (await viewer.getByRole('button', { name: 'Register cluster' }).count()) throw new Error('a viewer sees "Register cluster"');
  await check(viewer, '12-viewer-clusters');
  await viewer.getByRole('link', { name }).click();
  await viewer.getByRole('heading', { name: 'Capabilities' }).waitFor({ timeout: STEP_MS });
  for (const label of ['Edit', 'Delete', 'Refresh', 'Upload credentials']) {
    if (await viewer.getByRole('button', { name: label }).count()) throw new Error(`a viewer sees "${label}"`);
  }
  await viewer.getByRole('link', { name: 'Intents' }).click();
  await viewer.getByRole('heading', { name: 'Intents', level: 1 }).waitFor();
  if (await viewer.getByRole('button', { name: 'Submit intent' }).count()) throw new Error('a viewer sees "Submit intent"');
  await check(viewer, '13-viewer-intents');
  await viewer.getByRole('link', { name: 'Anomalies' }).click();
  await viewer.getByRole('heading', { name: 'Anomalies', level: 1 }).waitFor();
  await viewer.getByRole('heading', { name: 'History' }).waitFor();
  for (const label of ['Run detection', 'Find root cause']) {
    if (await viewer.getByRole('button', { name: label }).count()) throw new Error(`a viewer sees "${label}"`);
  }
  await viewerContext.close();

  step('GPU page: the registered Prometheus has no DCGM series, so the fleet has no GPU node');
  await operator.getByRole('link', { name: 'GPUs' }).click();
  await operator.getByRole('heading', { name: 'GPUs', level: 1 }).waitFor();
  await operator.getByLabel('GPU summary').waitFor({ timeout: STEP_MS });
  await operator.getByText('No GPU nodes in the fleet').waitFor({ timeout: STEP_MS });
  figures.gpu_empty_state = true;
  await check(operator, '14-gpus');

  step('anomaly detection on the registered Prometheus');
  await operator.getByRole('link', { name: 'Anomalies' }).click();
  await operator.getByRole('heading', { name: 'Anomalies', level: 1 }).waitFor();
  const detection = operator.getByRole('form', { name: 'Anomaly detection' });
  await detection.getByLabel('PromQL query').fill('up');
  await detection.getByLabel('Range').selectOption('15m');
  // one point a second: the Prometheus started with this test, 30 points are needed to score a series
  await detection.getByLabel('Step').selectOption('1s');
  await detection.getByLabel('Detection cluster').selectOption({ label: name });
  await detection.getByRole('button', { name: 'Run detection' }).click();
  const detected = operator.getByTestId('detection-summary');
  await detected.or(operator.getByRole('alert')).first().waitFor({ timeout: 60_000 });
  if (!(await detected.count())) throw new Error(`the detection failed: ${await operator.getByRole('alert').first().textContent()}`);
  figures.anomaly_series_analyzed = Number(await detected.getAttribute('data-series'));
  figures.anomaly_points_analyzed = Number(await detected.getAttribute('data-points'));
  figures.anomalies_found = Number(await detected.getAttribute('data-anomalies'));
  if (figures.anomaly_series_analyzed < 1) throw new Error(`the detection analysed no series: ${await detected.textContent()}`);
  await check(operator, '15-anomalies');

  step('an alert fires and resolves, seen live on the alerts page');
  {
    const alertname = `ConsoleE2e_${suffix}`;
    const fingerprint = Date.now().toString(16).padStart(16, '0');
    const startsAt = new Date().toISOString();
    const token = await devToken('e2e-alertmanager', 'operator');
    await operator.getByRole('link', { name: 'Alerts' }).click();
    await operator.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();
    await operator.getByLabel('Alert name').fill(alertname);
    await operator.getByText('No alerts.').waitFor({ timeout: STEP_MS });
    // refresh interval 0 (settings above): the row can only come from ALERT_FIRED over /ws
    await alertmanagerWebhook(token, name, alertname, fingerprint, 'firing', startsAt);
    const row = operator.getByRole('table', { name: 'Alerts' }).locator(`tr[data-alertname="${alertname}"]`);
    await row.getByRole('cell', { name: 'FIRING', exact: true }).waitFor({ timeout: 60_000 });
    await check(operator, '17-alert-firing');
    await alertmanagerWebhook(token, name, alertname, fingerprint, 'resolved', startsAt);
    await row.getByRole('cell', { name: 'RESOLVED', exact: true }).waitFor({ timeout: 60_000 });
    figures.alert_fired_resolved_live = true;

    step("root-cause analysis of the alert, from its row");
    await row.getByRole('link', { name: 'Root cause' }).click();
    await operator.getByRole('heading', { name: 'Anomalies', level: 1 }).waitFor();
    await operator.getByRole('button', { name: 'Find root cause' }).click();
    const analysis = operator.getByRole('region', { name: 'Root-cause analysis' });
    await analysis.or(operator.getByRole('alert')).first().waitFor({ timeout: 60_000 });
    if (!(await analysis.count())) throw new Error(`the RCA failed: ${await operator.getByRole('alert').first().textContent()}`);
    figures.rca_causes = await analysis.locator('[data-rank]').count();
    // the engine also announces it (outbox → Redis → /ws): recorded, not required
    figures.rca_complete_live = await operator.getByRole('list', { name: 'Completed analyses' })
      .waitFor({ timeout: 20_000 }).then(() => true, () => false);
    await check(operator, '16-rca');
  }

  step('an admin deletes the cluster');
  await fleet.getByRole('link', { name: 'Clusters' }).click();
  await fleet.getByRole('link', { name }).click();
  fleet.once('dialog', (dialog) => dialog.accept());
  await fleet.getByRole('button', { name: 'Delete' }).click();
  await fleet.getByRole('heading', { name: 'Clusters', level: 1 }).waitFor({ timeout: STEP_MS });
  await context.close();

  if (a11y.length > 0) throw new Error(`serious or critical accessibility violations:\n  ${a11y.join('\n  ')}`);
} catch (error) {
  failed = error;
  // the state of every open tab at the failure
  let n = 0;
  for (const context of browser.contexts()) {
    for (const page of context.pages()) {
      await page.screenshot({ path: join(SHOTS, `failure-${++n}.png`), fullPage: true }).catch(() => {});
    }
  }
} finally {
  await browser.close();
  clearTimeout(guard);
}
figures.steps = steps;
figures.screenshots = SHOTS;
writeFileSync(FIGURES, JSON.stringify(figures, null, 2));
console.log(`console-e2e: figures ${JSON.stringify(figures)}`);
if (failed) {
  console.error(`console-e2e: FAILED at "${steps[steps.length - 1]}": ${failed.stack ?? failed}`);
  process.exit(1);
}
console.log('console-e2e: passed');
