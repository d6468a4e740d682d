import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { completeOidcSignIn } from '../auth/oidc';
import { ProblemView, Spinner } from '../components/ui';

/** Where the identity provider sends the browser back: the code is exchanged (with the PKCE verifier). */
export default function OidcCallbackPage() {
  const { adoptToken } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    completeOidcSignIn()
      .then((user) => {
        adoptToken(user.access_token);
        navigate('/', { replace: true });
      })
      .catch(setError);
  }, [adoptToken, navigate]);
  return error ? <ProblemView error={error} /> : <Spinner label="Signing in…" />;
}
