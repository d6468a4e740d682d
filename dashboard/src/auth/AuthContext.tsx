import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { configureHttp, api } from '../api/http';
import { identityOf, type Identity, type Role } from './token';
import { oidcManager, signInMethods, type SignInMethods } from './oidc';

const STORAGE_KEY = 'aiops.token';

interface AuthState {
  token: string | null;
  identity: Identity | null;
  /** How the gateway lets users sign in here; null until it has answered. */
  methods: SignInMethods | null;
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

export function AuthProvider({ children, initialToken }: { children: ReactNode; initialToken?: string }) {
  const [token, setToken] = useState<string | null>(() => initialToken ?? storedToken());
  const [methods, setMethods] = useState<SignInMethods | null>(initialToken ? { dev_mode: false } : null);

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
    if (methods === null) signInMethods().then(setMethods);
  }, [methods]);

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
    () => ({ token, identity, methods, signInDev, signInOidc, adoptToken, signOut, can }),
    [token, identity, methods, signInDev, signInOidc, adoptToken, signOut, can],
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
