// `fetch` against this app in process, for the Embedded Auth API's Vitest suite: the request is
// served by the same route handlers `next start` runs (e2e/embedded-auth.spec.ts drives a real
// server). The client itself: embedded-client.ts.
import { NextRequest } from 'next/server';
import { GET as jwksGet } from '@/app/well-known/jwks.json/route';
import { handleEmbeddedRequest } from '@/lib/sign-in/embedded-api';

export const SERVER = 'http://localhost:3999';

/** `fetch` against this app: /embedded-auth/v1/* and the JWKS, through their route handlers. */
export async function appFetch(input: string, init: RequestInit = {}): Promise<Response> {
  const url = new URL(input, SERVER);
  const request = new NextRequest(url, init as ConstructorParameters<typeof NextRequest>[1]);
  if (url.pathname.startsWith('/embedded-auth/v1/')) return handleEmbeddedRequest(request, url.pathname.slice('/embedded-auth/v1/'.length).split('/'));
  if (url.pathname === '/.well-known/jwks.json') return jwksGet();
  throw new Error(`appFetch serves no ${url.pathname}`);
}
