'use client';

import dynamic from 'next/dynamic';

/**
 * PasskeySignIn in a chunk of its own, fetched after the page has loaded (it renders nothing on
 * the server: the button needs the browser's WebAuthn anyway), so the sign-in page's first-load
 * JavaScript stays within its budget.
 */
export const LazyPasskeySignIn = dynamic(() => import('./PasskeySignIn').then((module) => module.PasskeySignIn), { ssr: false });
