import { auth } from '@/auth';
import { signInWithTessera, signOutEverywhere } from '../actions';

// A Server Component that checks the session on the server: nothing of the page is sent to a
// signed-out browser. The landing route after sign-in (see the home page's form).
export default async function Dashboard() {
  const session = await auth();
  if (!session?.user) {
    return (
      <>
        <h1>Dashboard</h1>
        <p role="status">Sign in to see your dashboard.</p>
        <form action={signInWithTessera.bind(null, '/dashboard')}>
          <button type="submit">Sign in with Tessera</button>
        </form>
      </>
    );
  }
  return (
    <>
      <h1>Dashboard</h1>
      <p role="status">Signed in as {session.user.email}</p>
      <dl>
        <dt>Email</dt>
        <dd data-testid="email">{session.user.email}</dd>
        <dt>Session expires</dt>
        <dd>{session.expires}</dd>
      </dl>
      <form action={signOutEverywhere}>
        <button type="submit">Sign out</button>
      </form>
    </>
  );
}
