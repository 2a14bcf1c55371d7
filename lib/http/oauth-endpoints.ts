import { NextResponse } from 'next/server';
import { appCorsPreflight, PUBLIC_CORS_HEADERS, publicCorsPreflight, withAppCors } from './cors';
import { NO_STORE, oauthErrorResponse } from './errors';
import { readBearerToken, readForm } from './request';
import { getPublicJwks } from '@/lib/keys';
import { count } from '@/lib/observability/metrics';
import { discoveryDocument } from '@/lib/oauth/discovery';
import { handleIntrospectionRequest } from '@/lib/oauth/introspection';
import { handleRevocationRequest } from '@/lib/oauth/revocation';
import { handleTokenRequest } from '@/lib/oauth/token-endpoint';
import { getUserInfo } from '@/lib/oauth/userinfo';

// The hot OAuth endpoints as web-standard handlers (Request → Response). Two adapters call them:
// the App Router route handlers (app/oauth2/v1/*, app/well-known/*: next start, Vercel) and the fast
// front of npm run serve (lib/http/fast-front.ts), which answers these paths without Next's router.
// Everything a response depends on lives here or below, so both adapters answer alike
// (e2e/fast-front.spec.ts compares them).

type Handler = (request: Request) => Promise<Response>;

export const tokenEndpoint: Handler = withAppCors(async (request) => {
  try {
    const form = await readForm(request);
    const tokens = await handleTokenRequest(form, request.headers.get('authorization'));
    count((m) => m.tokensIssued.inc({ grant_type: form.get('grant_type')! }));
    return NextResponse.json(tokens, { headers: NO_STORE });
  } catch (error) {
    return oauthErrorResponse(error);
  }
});

export const userinfoEndpoint: Handler = withAppCors(async (request) => {
  try {
    return NextResponse.json(await getUserInfo(readBearerToken(request)), { headers: NO_STORE });
  } catch (error) {
    return oauthErrorResponse(error);
  }
});

// Server-to-server only (S2S client authentication): no CORS.
export const introspectionEndpoint: Handler = async (request) => {
  try {
    const result = await handleIntrospectionRequest(await readForm(request), request.headers.get('authorization'));
    return NextResponse.json(result, { headers: NO_STORE });
  } catch (error) {
    return oauthErrorResponse(error);
  }
};

// RFC 7009 §2.2: success is an empty 200, for revoked and for invalid tokens alike.
export const revocationEndpoint: Handler = withAppCors(async (request) => {
  try {
    await handleRevocationRequest(await readForm(request), request.headers.get('authorization'));
    return new NextResponse(null, { status: 200, headers: NO_STORE });
  } catch (error) {
    return oauthErrorResponse(error);
  }
});

// Short cache: a rotated key must reach verifiers quickly.
export const jwksEndpoint = async (): Promise<Response> => {
  try {
    return NextResponse.json({ keys: await getPublicJwks() }, { headers: { 'Cache-Control': 'public, max-age=60', ...PUBLIC_CORS_HEADERS } });
  } catch (error) {
    return oauthErrorResponse(error, PUBLIC_CORS_HEADERS);
  }
};

export const discoveryEndpoint = async (): Promise<Response> =>
  NextResponse.json(discoveryDocument(), { headers: { 'Cache-Control': 'public, max-age=300', ...PUBLIC_CORS_HEADERS } });

export const tokenPreflight = appCorsPreflight(['POST']);
export const userinfoPreflight = appCorsPreflight(['GET', 'POST']);
export const revocationPreflight = appCorsPreflight(['POST']);
export const publicDocumentPreflight = async (): Promise<Response> => publicCorsPreflight();

/** Path → method → handler: what the fast front answers itself (every other request goes to Next). */
export const FAST_ROUTES: Readonly<Record<string, Readonly<Record<string, Handler>>>> = {
  '/oauth2/v1/token': { POST: tokenEndpoint, OPTIONS: tokenPreflight },
  '/oauth2/v1/userinfo': { GET: userinfoEndpoint, POST: userinfoEndpoint, OPTIONS: userinfoPreflight },
  '/oauth2/v1/introspect': { POST: introspectionEndpoint },
  '/oauth2/v1/revoke': { POST: revocationEndpoint, OPTIONS: revocationPreflight },
  '/.well-known/jwks.json': { GET: jwksEndpoint, OPTIONS: publicDocumentPreflight },
  '/.well-known/openid-configuration': { GET: discoveryEndpoint, OPTIONS: publicDocumentPreflight },
};

const FAST_ROUTES_KEY = Symbol.for('tessera.fastRoutes');

/** Makes FAST_ROUTES available to scripts/serve.mjs (outside Next's bundles; called by instrumentation.ts). */
export function publishFastRoutes(): void {
  (globalThis as typeof globalThis & { [FAST_ROUTES_KEY]?: typeof FAST_ROUTES })[FAST_ROUTES_KEY] = FAST_ROUTES;
}
