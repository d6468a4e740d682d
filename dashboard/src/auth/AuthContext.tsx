import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { configureHttp, api } from '../api/http';
import { identityOf, type Identity, type Role } from './token';
import { oidcConfigured, oidcManager } from './oidc';

const STORAGE_KEY = 'aiops.token';

interface AuthState {
  token: string | null;
  identity: Identity | null;
  /** true when the gateway runs in dev mode (POST /auth/dev-token exists). */
  devMode: boolean | null;
  signInDev: (user: string, roles: Role[]) => Promise<void>;
  signInOidc: () => Promise<void>;
  adoptToken: (token: string) => void;
  signOut: () => void;
  can: (role: Role) => boolean;
}

const AuthContext = createContext<AuthState | null>(null);

function storedToken(): string | null {
  const token = sessionStorage.getItem(STORAGE_KEY);
  if (!token) return null;
  try {
    const identity = identityOf(token);
    if (identity.expiresAt && identity.expiresAt < Date.now()) return null;
    return token;
  } catch {
    return null;
  }
}

/**
 * Dev mode is detected by asking: the dev sign-in endpoint exists only with aiops.security.dev-mode=true,
 * so an empty body gets a 400 (validation) there and a 404 everywhere else.
 */
async function probeDevMode(): Promise<boolean> {
  try {
    const response = await fetch('/auth/dev-token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    return response.status === 400;
  } catch {
    return false;
  }
}

export function AuthProvider({ children, initialToken }: { children: ReactNode; initialToken?: string }) {
  const [token, setToken] = useState<string | null>(() => initialToken ?? storedToken());
  const [devMode, setDevMode] = useState<boolean | null>(initialToken ? false : null);

  const adoptToken = useCallback((next: string) => {
    sessionStorage.setItem(STORAGE_KEY, next);
    setToken(next);
  }, []);

  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    setToken(null);
  }, []);

  useEffect(() => {
    configureHttp(() => token, signOut);
  }, [token, signOut]);
  // synchronously too, so the first queries after sign-in carry the token
  configureHttp(() => token, signOut);

  useEffect(() => {
    if (devMode === null) probeDevMode().then(setDevMode);
  }, [devMode]);

  const signInDev = useCallback(
    async (user: string, roles: Role[]) => {
      const answer = await api<{ access_token: string }>('/auth/dev-token', {
        method: 'POST',
        json: { user, roles },
      });
      adoptToken(answer.access_token);
    },
    [adoptToken],
  );

  const signInOidc = useCallback(async () => {
    if (!oidcConfigured()) throw new Error('No identity provider is configured for this console build');
    await (await oidcManager()).signinRedirect();
  }, []);

  const identity = useMemo(() => {
    if (!token) return null;
    try {
      return identityOf(token);
    } catch {
      return null;
    }
  }, [token]);

  const can = useCallback((role: Role) => identity?.roles.has(role) ?? false, [identity]);

  const value = useMemo(
    () => ({ token, identity, devMode, signInDev, signInOidc, adoptToken, signOut, can }),
    [token, identity, devMode, signInDev, signInOidc, adoptToken, signOut, can],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** Renders its children only for callers holding the role: a viewer sees no write buttons. */
export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const { can } = useAuth();
  return can(role) ? <>{children}</> : null;
}
