import { render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The sign-in page offers what the gateway says this installation has (GET /auth/config). The answer is
// asked once per page load, so every case loads the modules afresh.
async function renderWith(config: object) {
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL) => {
    if (String(input) !== '/auth/config') throw new Error(`unexpected call ${String(input)}`);
    return new Response(JSON.stringify(config), { status: 200, headers: { 'Content-Type': 'application/json' } });
  }));
  const { AuthProvider } = await import('../auth/AuthContext');
  const { default: SignInPage } = await import('./SignInPage');
  render(<AuthProvider><SignInPage /></AuthProvider>);
}

describe('SignInPage', () => {
  beforeEach(() => vi.resetModules());
  afterEach(() => vi.unstubAllGlobals());

  it('offers the identity provider the gateway names, and no dev sign-in outside dev mode', async () => {
    await renderWith({ dev_mode: false, oidc: { authority: 'https://sso.example.org', client_id: 'aiops-console', scope: 'openid profile' } });

    expect(await screen.findByRole('button', { name: 'Sign in with your identity provider' })).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Dev sign-in' })).toBeNull();
  });

  it('offers the dev sign-in in dev mode, and no identity provider when none is named', async () => {
    await renderWith({ dev_mode: true });

    expect(await screen.findByRole('form', { name: 'Dev sign-in' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign in with your identity provider' })).toBeNull();
  });

  it('says so when the installation offers no way to sign in', async () => {
    await renderWith({ dev_mode: false });

    expect((await screen.findByRole('alert')).textContent).toContain('No sign-in method is configured');
  });
});
