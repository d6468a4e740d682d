// Production sign-in in a real Chromium: the console, served by a gateway with dev mode off, sends the user to
// the OpenID Connect provider the gateway names (GET /auth/config), the provider's login form is filled in,
// the code comes back to /auth/callback and is exchanged with the PKCE verifier, and the access token works
// against the gateway's API. Each thing proven is printed as one line the calling test checks.
//
//   BASE_URL=http://127.0.0.1:8080 ISSUER=http://127.0.0.1:9000 OIDC_USER=olivia OIDC_PASSWORD=... \
//     node e2e/oidc-e2e.mjs
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
const ISSUER = process.env.ISSUER;
const USER = process.env.OIDC_USER;
const PASSWORD = process.env.OIDC_PASSWORD;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = resolve(process.env.SCREENSHOT_DIR ?? join(here, '..', 'target', 'oidc-screenshots'));
const LIMIT_MS = Number(process.env.E2E_LIMIT_MS ?? 150_000);
const STEP_MS = 60_000;

mkdirSync(SHOTS, { recursive: true });
const guard = setTimeout(() => {
  console.error(`oidc-e2e: over ${LIMIT_MS} ms, giving up`);
  process.exit(2);
}, LIMIT_MS);

const started = Date.now();
function proven(line) {
  console.log(`oidc-e2e: [${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`);
}

function claimsOf(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  // root in CI: Chromium's sandbox needs an unprivileged user
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
});
let failed = null;
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(STEP_MS);
  const authorizations = [];
  page.on('request', (request) => {
    if (request.url().startsWith(`${ISSUER}/oauth2/authorize`)) authorizations.push(new URL(request.url()));
  });

  await page.goto(BASE);
  const provider = page.getByRole('button', { name: 'Sign in with your identity provider' });
  await provider.waitFor();
  if (await page.getByRole('form', { name: 'Dev sign-in' }).count()) throw new Error('the dev sign-in is offered with dev mode off');
  proven('no dev sign-in offered');
  await page.screenshot({ path: join(SHOTS, 'sign-in.png') });

  await provider.click();
  await page.waitForURL((url) => url.href.startsWith(`${ISSUER}/login`));
  const authorize = authorizations[0];
  if (!authorize) throw new Error('no authorization request reached the provider');
  for (const [name, expected] of [['response_type', 'code'], ['client_id', null], ['code_challenge_method', 'S256']]) {
    const value = authorize.searchParams.get(name);
    if (!value || (expected && value !== expected)) throw new Error(`authorization request ${name}=${value}`);
  }
  if (!authorize.searchParams.get('code_challenge')) throw new Error('authorization request without code_challenge');
  proven('authorization request with code_challenge_method=S256');
  await page.screenshot({ path: join(SHOTS, 'provider-login.png') });

  await page.fill('#username', USER);
  await page.fill('#password', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL((url) => url.href.startsWith(BASE) && !url.pathname.startsWith('/auth/callback'));
  const whoami = page.getByTestId('whoami');
  await whoami.waitFor();
  proven(`signed in as ${(await whoami.textContent()).trim()}`);
  await page.screenshot({ path: join(SHOTS, 'signed-in.png') });

  const token = await page.evaluate(() => sessionStorage.getItem('aiops.token'));
  if (!token) throw new Error('no token kept after the callback');
  const claims = claimsOf(token);
  proven(`token issued by ${claims.iss}`);

  const call = (bearer) =>
    page.evaluate(async (value) => {
      const response = await fetch('/health/detailed', {
        headers: { Authorization: `Bearer ${value}` },
        signal: AbortSignal.timeout(30_000),
      });
      return { status: response.status, body: await response.json().catch(() => null) };
    }, bearer);
  // only the gateway runs here, so its services are DOWN (503); what matters is that the token got in
  const accepted = await call(token);
  const services = Object.values(accepted.body?.services ?? {});
  if (![200, 503].includes(accepted.status) || services.length === 0) throw new Error(`/health/detailed: ${JSON.stringify(accepted)}`);
  if (services.some((service) => service.url)) throw new Error('an operator was shown the services\' internal URLs');
  proven(`gateway accepted the token: ${services.length} services' health, without their URLs`);
  const [header, , signature] = token.split('.');
  const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');
  proven(`gateway refused a tampered token: ${(await call(`${header}.${forged}.${signature}`)).status}`);
} catch (error) {
  failed = error;
} finally {
  await browser.close();
  clearTimeout(guard);
}
if (failed) {
  console.error(`oidc-e2e: FAILED: ${failed.stack ?? failed}`);
  process.exit(1);
}
