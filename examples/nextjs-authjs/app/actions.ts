'use server';

import { redirect } from 'next/navigation';
import { signIn, signOut, tesseraSignOutUrl } from '@/auth';

/** Sign in with Tessera, then land on `landing` (a custom route, not the page that asked). */
export async function signInWithTessera(landing: string) {
  await signIn('tessera', { redirectTo: landing });
}

/** Ends the Auth.js session, then the Tessera session (RP-initiated logout), back to the home page. */
export async function signOutEverywhere() {
  const endSession = await tesseraSignOutUrl(); // needs the ID token: before the cookie goes
  await signOut({ redirect: false });
  redirect(endSession);
}
