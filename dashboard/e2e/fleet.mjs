// The fleet page with a large fleet in Debian's Chromium, driven by FleetConsoleBenchmark (benchmarks module),
// which registers the clusters and publishes the live events. Protocol over stdio, one JSON line each:
//
//   out {"phase":"loaded", "tiles":N, "load_ms":…}     the page shows every tile (signed in, fleet page)
//   in  "measure <seconds>"                              events are flowing now: watch the main thread
//   out {"phase":"measured", "long_tasks":…, "frames":…}
//   in  "mark <cluster-name> <state> <health>"           the last event sent for that cluster
//   out {"phase":"marked", "ms":…}                       until its tile showed it (-1 if it never did)
//
//   BASE_URL=http://localhost:8080 TILES=1000 node e2e/fleet.mjs
import { chromium } from 'playwright-core';
import { createInterface } from 'node:readline';

const BASE = process.env.BASE_URL ?? 'http://localhost:8080';
const TILES = Number(process.env.TILES ?? 1000);
const say = (message) => console.log(JSON.stringify(message));
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const next = async () => (await lines.next()).value?.trim().split(' ') ?? ['quit'];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
});
try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(`${BASE}/`);
  const form = page.getByRole('form', { name: 'Dev sign-in' });
  await form.getByLabel('User').fill('fleet-bench');
  await form.getByLabel('Role').selectOption('viewer');
  const started = Date.now();
  await form.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid^="cluster-tile-"]').length >= n, TILES, {
    timeout: 120_000,
    polling: 50,
  });
  const tiles = await page.locator('[data-testid^="cluster-tile-"]').count();
  say({ phase: 'loaded', tiles, load_ms: Date.now() - started });

  for (let [command, ...args] = await next(); command !== 'quit'; [command, ...args] = await next()) {
    if (command === 'measure') {
      say({ phase: 'measured', ...(await page.evaluate(watchMainThread, Number(args[0]) * 1000)) });
    } else if (command === 'mark') {
      const [name, state, health] = args;
      const since = Date.now();
      const shown = await page
        .waitForFunction(
          ([n, s, h]) => {
            const tile = document.querySelector(`[data-testid="cluster-tile-${n}"]`);
            return tile?.getAttribute('data-state') === s && tile.textContent.includes(`health ${h}`);
          },
          [name, state, health],
          { timeout: 30_000, polling: 'raf' },
        )
        .then(() => true, () => false);
      say({ phase: 'marked', ms: shown ? Date.now() - since : -1 });
    }
  }
} finally {
  await browser.close();
}

/** In the page: long tasks (> 50 ms) and the gaps between animation frames, for `ms` milliseconds. */
function watchMainThread(ms) {
  return new Promise((resolve) => {
    const longTasks = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
    observer.observe({ type: 'longtask', buffered: false });
    const gaps = [];
    let last = performance.now();
    const end = last + ms;
    const frame = (now) => {
      gaps.push(now - last);
      last = now;
      if (now < end) {
        requestAnimationFrame(frame);
        return;
      }
      observer.disconnect();
      gaps.sort((a, b) => a - b);
      const at = (q) => Math.round(gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))] * 10) / 10;
      resolve({
        seconds: ms / 1000,
        long_tasks: longTasks.length,
        long_task_ms_total: Math.round(longTasks.reduce((a, b) => a + b, 0)),
        long_task_ms_max: Math.round(Math.max(0, ...longTasks)),
        frames: gaps.length,
        frame_ms_p50: at(0.5),
        frame_ms_p99: at(0.99),
        frame_ms_max: Math.round(gaps[gaps.length - 1]),
        frames_over_50ms: gaps.filter((g) => g > 50).length,
      });
    };
    requestAnimationFrame(frame);
  });
}
