import { fetchUserInfo, handleRedirect, refreshAccessToken, signIn, signInWithPopup, signOut } from './auth';

// The page's state: the access token lives in memory only; the SDK keeps the refresh and ID
// tokens in localStorage, so a reload signs in again with the refresh token.
let accessToken: { accessToken: string; expiresOn: number } | null = null;

const element = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

function claims(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(payload)) as Record<string, unknown>;
}

function signedInEmail(): string | null {
  const stored = localStorage.getItem('melody-auth-id-token');
  return stored ? ((JSON.parse(stored) as { account: { email: string | null } }).account.email ?? null) : null;
}

function render() {
  element('signed-in').hidden = !accessToken;
  element('signed-out').hidden = !!accessToken;
  if (!accessToken) {
    element('status').textContent = 'Signed out';
    return;
  }
  element('status').textContent = `Signed in as ${signedInEmail() ?? 'unknown'}`;
  // The token's ID (jti), not the token: enough to see a refresh give a new one.
  element('token-id').textContent = String(claims(accessToken.accessToken).jti);
  element('token-expires').textContent = new Date(accessToken.expiresOn * 1000).toISOString();
}

async function run(action: () => Promise<void>) {
  element('error').textContent = '';
  try {
    await action();
  } catch (error) {
    element('error').textContent = String(error);
  }
  render();
}

element('sign-in').addEventListener('click', () => run(signIn));
element('sign-in-popup').addEventListener('click', () =>
  run(async () => {
    accessToken = (await signInWithPopup()).accessTokenStorage;
  }),
);
element('refresh').addEventListener('click', () =>
  run(async () => {
    accessToken = await refreshAccessToken();
  }),
);
element('user-info').addEventListener('click', () =>
  run(async () => {
    element('user-info-result').textContent = JSON.stringify(await fetchUserInfo(accessToken!.accessToken), null, 2);
  }),
);
element('sign-out').addEventListener('click', () => run(() => signOut(accessToken!.accessToken)));

void run(async () => {
  const tokens = await handleRedirect(); // back from the hosted pages with ?code=…&state=…
  if (tokens) accessToken = tokens.accessTokenStorage;
  else if (localStorage.getItem('melody-auth-refresh-token')) accessToken = await refreshAccessToken();
});
