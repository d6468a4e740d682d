// First contentful paint of the console's cold load in Debian's Chromium (a fresh browser context per
// load, so nothing is cached). Prints one JSON line: {"runs":N,"fcp_ms":[...]}.
//
//   BASE_URL=http://localhost:8080 RUNS=10 node e2e/fcp.mjs
import { chromium } from 'playwright-core';

const BASE = process.env.BASE_URL ?? 'http://localhost:8080';
const RUNS = Number(process.env.RUNS ?? 10);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
});
const fcp = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${BASE}/`, { waitUntil: 'load', timeout: 30_000 });
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 30_000 });
    fcp.push(await page.evaluate(() => Math.round(performance.getEntriesByName('first-contentful-paint')[0].startTime)));
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify({ runs: RUNS, fcp_ms: fcp }));
