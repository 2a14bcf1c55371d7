import Link from 'next/link';
import { auth } from '@/auth';
import { signInWithTessera, signOutEverywhere } from './actions';

export default async function Home() {
  const session = await auth();
  if (!session?.user) {
    return (
      <>
        <h1>Welcome</h1>
        <p role="status">Signed out</p>
        <form action={signInWithTessera.bind(null, '/dashboard')}>
          <button type="submit">Sign in with Tessera</button>
        </form>
      </>
    );
  }
  return (
    <>
      <h1>Welcome back</h1>
      <p role="status">Signed in as {session.user.email}</p>
      <p>
        <Link href="/dashboard">Your dashboard</Link>
      </p>
      <form action={signOutEverywhere}>
        <button type="submit">Sign out</button>
      </form>
    </>
  );
}
