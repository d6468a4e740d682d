import { useState, type FormEvent } from 'react';
import { useAuth } from '../auth/AuthContext';
import type { Role } from '../auth/token';
import { Button, Card, Field, inputClass, ProblemView, Spinner } from '../components/ui';

export default function SignInPage() {
  const { methods, signInDev, signInOidc } = useAuth();
  const [user, setUser] = useState('operator');
  const [role, setRole] = useState<Role>('operator');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const dev = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signInDev(user, [role]);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="mx-auto mt-16 max-w-md space-y-4 p-4">
      <h1 className="text-2xl font-semibold">AIOps NextGen</h1>
      {methods?.oidc && (
        <Card title="Sign in">
          <Button onClick={() => signInOidc().catch(setError)}>Sign in with your identity provider</Button>
        </Card>
      )}
      {methods === null && <Spinner label="Checking the sign-in methods…" />}
      {methods?.dev_mode && (
        <Card title="Dev sign-in">
          <p className="mb-3 text-sm">The gateway runs in dev mode: it issues a token for any name and role.</p>
          <form onSubmit={dev} className="space-y-3" aria-label="Dev sign-in">
            <Field label="User"><input className={inputClass} name="user" value={user} onChange={(e) => setUser(e.target.value)} /></Field>
            <Field label="Role">
              <select className={inputClass} name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
                <option value="viewer">viewer</option><option value="operator">operator</option><option value="admin">admin</option>
              </select>
            </Field>
            <Button type="submit" disabled={busy}>Sign in</Button>
          </form>
        </Card>
      )}
      {methods && !methods.dev_mode && !methods.oidc && (
        <p role="alert" className="text-sm">No sign-in method is configured: the gateway names no identity provider (aiops.console.oidc.client-id) and is not in dev mode.</p>
      )}
      <ProblemView error={error} />
    </main>
  );
}
