import { useAuth } from '@melody-auth/react';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { AccountButtons, TesseraProvider } from './auth';

/** Shown only to a signed-in user: the ID token's claims and the user info endpoint's answer. */
function Protected() {
  const { isAuthenticated, account, acquireUserInfo } = useAuth();
  const [userInfo, setUserInfo] = useState<unknown>(null);
  if (!isAuthenticated) return <p>Sign in to see your profile.</p>;
  return (
    <section aria-labelledby="profile">
      <h2 id="profile">Your profile</h2>
      <dl>
        <dt>Auth ID</dt>
        <dd data-testid="sub">{account?.sub}</dd>
        <dt>Roles</dt>
        <dd>{account?.roles?.join(', ') || 'none'}</dd>
      </dl>
      <button onClick={() => acquireUserInfo().then(setUserInfo)}>Load user info</button>
      {userInfo ? <pre data-testid="user-info">{JSON.stringify(userInfo, null, 2)}</pre> : null}
    </section>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <TesseraProvider>
      <main>
        <h1>@melody-auth/react</h1>
        <AccountButtons />
        <Protected />
      </main>
    </TesseraProvider>
  </StrictMode>,
);
