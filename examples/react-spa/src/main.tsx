import type { User } from 'oidc-client-ts';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { userManager } from './auth';

const apiUrl: string | undefined = import.meta.env.VITE_API_URL;

// Once per page load (outside React, whose StrictMode would run an effect twice and redeem the
// code twice): on the redirect URI, finish the sign-in and drop ?code=…&state=… from the URL.
const initialUser: Promise<User | null> =
  window.location.pathname === new URL(userManager.settings.redirect_uri).pathname
    ? userManager.signinRedirectCallback().finally(() => window.history.replaceState(null, '', '/'))
    : userManager.getUser();

function claims(jwt: string): Record<string, unknown> {
  return JSON.parse(atob(jwt.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
}

function App() {
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState('');
  const [apiAnswer, setApiAnswer] = useState('');

  useEffect(() => {
    initialUser.then(setUser, (e: unknown) => setError(String(e))).finally(() => setLoading(false));
    // silent renew (automatic or signinSilent) loads a new user; sign-out and revocation unload it
    const loaded = (next: User) => setUser(next);
    const unloaded = () => setUser(null);
    userManager.events.addUserLoaded(loaded);
    userManager.events.addUserUnloaded(unloaded);
    return () => {
      userManager.events.removeUserLoaded(loaded);
      userManager.events.removeUserUnloaded(unloaded);
    };
  }, []);

  const act = (action: () => Promise<unknown>) => () => {
    setError('');
    action().catch((e: unknown) => setError(String(e)));
  };

  const callApi = (path: string) =>
    act(async () => {
      const response = await fetch(`${apiUrl}${path}`, { headers: { authorization: `Bearer ${user!.access_token}` } });
      setApiAnswer(`${path}: ${response.status} ${await response.text()}`);
    });

  if (loading) return <p>Loading…</p>;
  return (
    <main>
      <h1>oidc-client-ts</h1>
      {user && !user.expired ? (
        <>
          <p role="status">Signed in as {user.profile.email}</p>
          <p>
            Access token <code data-testid="token-id">{String(claims(user.access_token).jti)}</code>, roles{' '}
            <span data-testid="roles">{(claims(user.access_token).roles as string[] | undefined)?.join(', ') || 'none'}</span>
          </p>
          <button onClick={act(() => userManager.signinSilent())}>Refresh now</button>
          <button onClick={act(() => userManager.signoutRedirect())}>Sign out</button>
          {apiUrl ? (
            <>
              <button onClick={callApi('/api/me')}>Call /api/me</button>
              <button onClick={callApi('/api/admin')}>Call /api/admin</button>
              <pre data-testid="api-answer">{apiAnswer}</pre>
            </>
          ) : null}
        </>
      ) : (
        <>
          <p role="status">Signed out</p>
          <button onClick={act(() => userManager.signinRedirect())}>Sign in</button>
        </>
      )}
      <p role="alert">{error}</p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
