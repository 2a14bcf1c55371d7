// Generated from lib/integration/snippets.ts (snippet "melody-react") by `npm run examples:sync`:
// the dashboard's Integrate tab shows this same code with an app's own values. Edit the snippet, not this file.
import { AuthProvider, useAuth } from '@melody-auth/react';
import type { ReactNode } from 'react';

// Melody's React SDK against Tessera (same wire contract). Turn refresh-token rotation OFF for
// this app: the SDK keeps the first refresh token it gets.
export function TesseraProvider({ children }: { children: ReactNode }) {
  return (
    <AuthProvider serverUri={import.meta.env.VITE_TESSERA_ISSUER} clientId={import.meta.env.VITE_TESSERA_CLIENT_ID} redirectUri={import.meta.env.VITE_TESSERA_REDIRECT_URI} storage="localStorage">
      {children}
    </AuthProvider>
  );
}

export function AccountButtons() {
  const { isAuthenticated, isAuthenticating, account, loginRedirect, loginPopup, logoutRedirect } = useAuth();
  if (isAuthenticating) return <p>Loading…</p>;
  if (!isAuthenticated) {
    return (
      <>
        <button onClick={() => loginRedirect()}>Sign in</button>
        <button onClick={() => loginPopup()}>Sign in with a popup</button>
      </>
    );
  }
  return (
    <>
      <p>Signed in as {account?.email}</p>
      <button onClick={() => logoutRedirect({ postLogoutRedirectUri: import.meta.env.VITE_TESSERA_POST_LOGOUT_REDIRECT_URI })}>Sign out</button>
    </>
  );
}
