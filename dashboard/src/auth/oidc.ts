// Production sign-in: OIDC Authorization Code + PKCE with oidc-client-ts, loaded only when used. The
// identity provider is configured at build time (VITE_OIDC_AUTHORITY, VITE_OIDC_CLIENT_ID, optional
// VITE_OIDC_SCOPE); the redirect comes back to /auth/callback.
import type { UserManager } from 'oidc-client-ts';

const authority = import.meta.env.VITE_OIDC_AUTHORITY as string | undefined;
const clientId = import.meta.env.VITE_OIDC_CLIENT_ID as string | undefined;
const scope = (import.meta.env.VITE_OIDC_SCOPE as string | undefined) ?? 'openid profile';

let manager: Promise<UserManager> | null = null;

export function oidcConfigured(): boolean {
  return Boolean(authority && clientId);
}

export function oidcManager(): Promise<UserManager> {
  if (!manager) {
    manager = import('oidc-client-ts').then(
      ({ UserManager: Manager, WebStorageStateStore }) =>
        new Manager({
          authority: authority!,
          client_id: clientId!,
          redirect_uri: `${window.location.origin}/auth/callback`,
          post_logout_redirect_uri: `${window.location.origin}/`,
          response_type: 'code', // PKCE is oidc-client-ts' default for the code flow
          scope,
          userStore: new WebStorageStateStore({ store: window.sessionStorage }),
        }),
    );
  }
  return manager;
}
