// Where sign-in requests come from: GET /oauth2/v1/authorize and the device page (hosted, bound to
// the browser by a cookie). Embedded sessions start in embedded.ts.
import { config } from '@/lib/config';
import { randomToken, sha256 } from '@/lib/crypto/tokens';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors';
import { FLOW_LIFETIME_SECONDS, requestCookie, requestCookieName, startFlow, type FlowOutcome } from '@/lib/flow';
import { IdentityErrors } from '@/lib/identity/errors';
import { isSensitivePolicy } from '@/lib/identity/policies/steps';
import { findSsoSession, touchSsoSession } from '@/lib/identity/sso-session';
import { AuthorizeRedirectError, validateAuthorizeRequest } from '@/lib/oauth/authorize-request';
import { findPendingDeviceAuthorization } from '@/lib/oauth/device-authorization';
import { OAuthErrors } from '@/lib/oauth/errors';
import { limitPerIp } from '@/lib/rate-limit';
import { signInMachine } from './machine';

interface StartContext {
  ssoToken?: string;
  preferredLocale?: string;
  ip?: string;
  userAgent?: string;
}

/**
 * GET /oauth2/v1/authorize: validates the request, reuses a live SSO session unless the client
 * asks for a fresh login, records the request and moves it as far as it can go.
 */
export async function startAuthorization(params: URLSearchParams, context: StartContext): Promise<FlowOutcome> {
  const request = await validateAuthorizeRequest(params, { preferredLocale: context.preferredLocale });
  const session = await findSsoSession(context.ssoToken);
  const sessionUsable =
    session !== null &&
    !request.prompt.includes('login') &&
    // Changing credentials or sessions needs a sign-in made for it (prompt=login semantics).
    !isSensitivePolicy(request.policy) &&
    (request.maxAge === null || Date.now() - session.authTime.getTime() <= request.maxAge * 1000);
  if (sessionUsable) await touchSsoSession(session);
  // Without a session, every request becomes a sign-in row until it expires: bound how fast one
  // client can make them (issue 12 item 15).
  else await limitPerIp(context.ip ?? '', { action: 'authorize', limit: config().authorizeIpThreshold, windowSeconds: 60 });
  if (request.prompt.includes('none') && !sessionUsable) {
    const target = { redirectUri: request.redirectUri, method: request.authorizeMethod, locale: request.locale };
    throw new AuthorizeRedirectError(OAuthErrors.login_required, 'The user is not signed in.', target, request.state);
  }
  return openHostedRequest(
    {
      appId: request.app.id,
      redirectUri: request.redirectUri,
      authorizeMethod: request.authorizeMethod,
      scopes: request.scopes,
      state: request.state,
      nonce: request.nonce,
      codeChallenge: request.codeChallenge,
      codeChallengeMethod: request.codeChallengeMethod,
      locale: request.locale,
      policy: request.policy,
      orgSlug: request.orgSlug,
      prompt: request.prompt.join(' '),
      maxAge: request.maxAge,
      loginHint: request.loginHint,
      expiresAt: new Date(Date.now() + FLOW_LIFETIME_SECONDS * 1000),
    },
    sessionUsable ? session : null,
    context,
  );
}

/**
 * /identity/v1/device: the user typed the code their device shows. Runs the ordinary sign-in and
 * consent steps for the device's client and scopes; completing them approves the device instead
 * of issuing a code. Consent is asked every time (prompt=consent) unless the app skips consent:
 * the user must see which app the device is, or a phished code would connect silently.
 */
export async function startDeviceVerification(userCode: string, context: StartContext & { locale: string }): Promise<FlowOutcome> {
  const device = await findPendingDeviceAuthorization(userCode);
  // One answer for unknown, expired and already decided codes: nothing to learn by guessing.
  if (!device) throw new AppError(IdentityErrors.invalid_user_code);
  const { supportedLocales, defaultLocale } = config();
  return openHostedRequest(
    {
      appId: device.appId,
      deviceAuthorizationId: device.id,
      redirectUri: '',
      scopes: device.scopes,
      state: '',
      codeChallenge: '',
      codeChallengeMethod: '',
      locale: supportedLocales.includes(context.locale) ? context.locale : defaultLocale,
      prompt: 'consent',
      // The request cannot outlive the code the device is polling with.
      expiresAt: device.expiresAt,
    },
    await findSsoSession(context.ssoToken),
    context,
  );
}

type RequestFields = Omit<Prisma.AuthorizationRequestUncheckedCreateInput, 'id' | 'bindingHash' | 'surface' | 'userId' | 'authTime' | 'amr' | 'ssoSessionId'>;

/** Records a request bound to this browser (signed in already when a usable session is given) and advances it. */
async function openHostedRequest(fields: RequestFields, session: Awaited<ReturnType<typeof findSsoSession>>, context: StartContext): Promise<FlowOutcome> {
  const bindingSecret = randomToken(32);
  const row = await db.authorizationRequest.create({
    data: {
      ...fields,
      bindingHash: sha256(bindingSecret),
      ...(session ? { userId: session.userId, authTime: session.authTime, amr: session.amr, ssoSessionId: session.id } : {}),
    },
    include: { app: true },
  });
  const outcome = await startFlow({ machine: signInMachine, requestId: row.id, bindingSecret, ip: context.ip ?? '', userAgent: context.userAgent ?? '' }, row);
  const ended = outcome.cookies.some((cookie) => cookie.name === requestCookieName(row.id));
  const lifetime = Math.ceil((row.expiresAt.getTime() - Date.now()) / 1000);
  return ended ? outcome : { ...outcome, cookies: [requestCookie(row.id, bindingSecret, lifetime), ...outcome.cookies] };
}
