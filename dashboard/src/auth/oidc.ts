// How this installation signs users in, asked of the gateway at start-up (GET /auth/config), so one console
// build serves every installation: the dev sign-in in dev mode, and OIDC Authorization Code + PKCE with
// oidc-client-ts (loaded only when used) when the gateway names an identity provider and the console's
// public client there. The provider sends the browser back to /auth/callback.
import type { User, UserManager } from 'oidc-client-ts';

export interface OidcProvider {
  authority: string;
  client_id: string;
  scope: string;
}

export interface SignInMethods {
  dev_mode: boolean;
  oidc?: OidcProvider;
}

let methods: Promise<SignInMethods> | null = null;
let manager: Promise<UserManager> | null = null;
let callback: Promise<User> | null = null;

/** The gateway's answer, asked once; a gateway that cannot be asked offers nothing. */
export function signInMethods(): Promise<SignInMethods> {
  if (!methods) {
    methods = fetch('/auth/config', { headers: { Accept: 'application/json' } })
      .then((response) => (response.ok ? (response.json() as Promise<SignInMethods>) : { dev_mode: false }))
      .catch(() => ({ dev_mode: false }));
  }
  return methods;
}

export function oidcManager(): Promise<UserManager> {
  if (!manager) {
    manager = Promise.all([signInMethods(), import('oidc-client-ts')]).then(
      ([{ oidc }, { UserManager: Manager, WebStorageStateStore }]) => {
        if (!oidc) throw new Error('No identity provider is configured for this console');
        return new Manager({
          authority: oidc.authority,
          client_id: oidc.client_id,
          redirect_uri: `${window.location.origin}/auth/callback`,
          post_logout_redirect_uri: `${window.location.origin}/`,
          response_type: 'code', // PKCE is oidc-client-ts' default for the code flow
          scope: oidc.scope,
          userStore: new WebStorageStateStore({ store: window.sessionStorage }),
        });
      },
    );
  }
  return manager;
}

/** The code is exchanged once: its state is consumed, so a second exchange (a re-run effect) would fail. */
export function completeOidcSignIn(): Promise<User> {
  if (!callback) callback = oidcManager().then((m) => m.signinRedirectCallback());
  return callback;
}
