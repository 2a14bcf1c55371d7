import { randomInt, randomUUID } from 'node:crypto';
import { config } from '@/lib/config';
import { randomToken, sha256 } from '@/lib/crypto/tokens';
import { db, Prisma, transaction, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { emitEvent } from '@/lib/events';
import { identifyClient, readClientCredentials } from './client-auth';
import { OAuthErrors } from './errors';
import { checkOAuthForm } from './form';
import { prepareUserTokens, type TokenResponse } from './tokens';

// Device Authorization Grant (RFC 8628): a device without a browser shows a short user code; the
// user enters it on /identity/v1/device, signs in and consents through the ordinary hosted flow
// (lib/sign-in/start.ts), and the device polls the token endpoint until that flow approves it.

export const DEVICE_CODE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';
export const DEVICE_CODE_LIFETIME_SECONDS = 600;
export const DEVICE_POLL_INTERVAL_SECONDS = 5;
// RFC 8628 §3.5: each slow_down adds 5 seconds to the interval for all later requests.
const SLOW_DOWN_STEP_SECONDS = 5;
export const DEVICE_VERIFICATION_PATH = '/identity/v1/device';

// RFC 8628 §6.1: consonants only (no look-alike characters, no words), case-insensitive; 8 of them
// give 20^8 ≈ 2^34.6 codes, far more than can be guessed within a code's 10 minutes of life.
const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
const USER_CODE_LENGTH = 8;
const USER_CODE_PATTERN = new RegExp(`^[${USER_CODE_ALPHABET}]{${USER_CODE_LENGTH}}$`);
const MAX_USER_CODE_ATTEMPTS = 5;

export interface DeviceAuthorizationResponse {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete: string;
  expires_in: number;
  interval: number;
}

/** How a user code is shown and linked: XXXX-XXXX. */
export function formatUserCode(code: string): string {
  return `${code.slice(0, USER_CODE_LENGTH / 2)}-${code.slice(USER_CODE_LENGTH / 2)}`;
}

/** A typed user code in its stored form (upper case, no separators), or null when it cannot be one. */
export function normalizeUserCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  return USER_CODE_PATTERN.test(code) ? code : null;
}

function generateUserCode(): string {
  let code = '';
  for (let i = 0; i < USER_CODE_LENGTH; i += 1) code += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return code;
}

/**
 * POST /oauth2/v1/device_authorization. Only public SPA clients: the grant exists for apps that
 * cannot keep a secret, and an S2S app has no user to act for.
 */
export async function requestDeviceAuthorization(form: URLSearchParams, authorization: string | null): Promise<DeviceAuthorizationResponse> {
  checkOAuthForm(form);
  const app = await identifyClient(readClientCredentials(authorization, form));
  if (app.type !== 'spa') throw new AppError(OAuthErrors.unauthorized_client, 'Only public (SPA) clients can use the device flow.');
  // Issue 12 item 11: off unless the app opted in (allowDeviceFlow).
  if (!app.allowDeviceFlow) throw new AppError(OAuthErrors.unauthorized_client, 'The device flow is not enabled for this client.');

  // Same rules as /authorize: at least one scope, each assigned to the app.
  const scopes = [...new Set((form.get('scope') ?? '').split(' ').filter(Boolean))];
  if (!scopes.length) throw new AppError(OAuthErrors.invalid_scope, 'scope is required.');
  const disallowed = scopes.filter((scope) => !app.scopeNames.includes(scope));
  if (disallowed.length) throw new AppError(OAuthErrors.invalid_scope, `Scope not allowed for this client: ${disallowed.join(' ')}`);

  const deviceCode = randomToken(32);
  const expiresAt = new Date(Date.now() + DEVICE_CODE_LIFETIME_SECONDS * 1000);
  for (let attempt = 1; ; attempt += 1) {
    const userCode = generateUserCode();
    try {
      await db.deviceAuthorization.create({
        data: { deviceCodeHash: sha256(deviceCode), userCode, appId: app.id, scopes, intervalSec: DEVICE_POLL_INTERVAL_SECONDS, expiresAt },
      });
      const verificationUri = `${config().authServerUrl}${DEVICE_VERIFICATION_PATH}`;
      return {
        device_code: deviceCode,
        user_code: formatUserCode(userCode),
        verification_uri: verificationUri,
        verification_uri_complete: `${verificationUri}?user_code=${formatUserCode(userCode)}`,
        expires_in: DEVICE_CODE_LIFETIME_SECONDS,
        interval: DEVICE_POLL_INTERVAL_SECONDS,
      };
    } catch (error) {
      // A user code still held by another (possibly expired) authorization: draw another one.
      const taken = error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
      if (!taken || attempt >= MAX_USER_CODE_ATTEMPTS) throw error;
    }
  }
}

/** The authorization a typed user code names, while the user can still decide on it; else null. */
export async function findPendingDeviceAuthorization(userCode: string) {
  const code = normalizeUserCode(userCode);
  if (!code) return null;
  const row = await db.deviceAuthorization.findUnique({ where: { userCode: code }, include: { app: true } });
  if (!row || row.status !== 'pending' || row.expiresAt.getTime() <= Date.now() || !row.app.isActive) return null;
  return row;
}

export type DeviceDecision = { approved: true; userId: string; authTime: Date; amr: string[] } | { approved: false };

/** Records the user's decision; false when the authorization is no longer pending or has expired. */
export async function decideDeviceAuthorization(tx: Tx, id: string, decision: DeviceDecision): Promise<boolean> {
  const updated = await tx.deviceAuthorization.updateMany({
    where: { id, status: 'pending', expiresAt: { gt: new Date() } },
    data: decision.approved
      ? { status: 'approved', userId: decision.userId, authTime: decision.authTime, amr: decision.amr }
      : { status: 'denied' },
  });
  return updated.count === 1;
}

const invalidGrant = (message: string) => new AppError(OAuthErrors.invalid_grant, message);

/**
 * The device_code grant (RFC 8628 §3.4–3.5). While the user has not decided, each poll answers
 * authorization_pending, or slow_down (and a longer interval) when it came too soon after the last.
 * An approval is redeemed once for the ordinary user tokens.
 */
export async function exchangeDeviceCode(input: { deviceCode: string; clientId?: string }): Promise<TokenResponse> {
  if (!input.clientId) throw new AppError(OAuthErrors.invalid_request, 'client_id is required.');
  const stored = await db.deviceAuthorization.findUnique({
    where: { deviceCodeHash: sha256(input.deviceCode) },
    include: { app: true, user: true },
  });
  // Another client's device code is as unknown as a made-up one.
  if (!stored || stored.app.clientId !== input.clientId) throw invalidGrant('The device code is invalid.');
  if (stored.usedAt) throw invalidGrant('The device code has already been used.');
  const now = new Date();
  if (stored.expiresAt.getTime() <= now.getTime()) throw new AppError(OAuthErrors.expired_token);
  if (stored.status === 'denied') throw new AppError(OAuthErrors.access_denied);
  if (stored.status === 'pending') {
    const tooSoon = stored.lastPolledAt !== null && now.getTime() - stored.lastPolledAt.getTime() < stored.intervalSec * 1000;
    await db.deviceAuthorization.update({
      where: { id: stored.id },
      data: { lastPolledAt: now, ...(tooSoon ? { intervalSec: { increment: SLOW_DOWN_STEP_SECONDS } } : {}) },
    });
    throw new AppError(tooSoon ? OAuthErrors.slow_down : OAuthErrors.authorization_pending);
  }

  const user = stored.user;
  if (!stored.app.isActive) throw invalidGrant('The client is inactive.');
  if (!user || !user.isActive || !stored.authTime) throw invalidGrant('The user is inactive.');
  const appScopes = await db.appScope.findMany({ where: { appId: stored.appId }, include: { scope: true } });
  const allowed = new Set(appScopes.map((entry) => entry.scope.name));
  const prepared = await prepareUserTokens(
    {
      app: stored.app,
      user,
      scopes: stored.scopes.filter((scope) => allowed.has(scope)),
      authTime: stored.authTime,
      amr: stored.amr,
      nonce: null,
      orgSlug: '',
      familyId: randomUUID(),
      // The device's tokens do not belong to the browser session that approved them: signing out
      // of that browser must not sign the device out.
      ssoSessionId: null,
    },
    { refresh: 'new', includeNonce: false, grantType: 'urn:ietf:params:oauth:grant-type:device_code' },
  );
  await transaction(async (tx) => {
    // Conditional update: of two concurrent polls exactly one gets the tokens.
    const consumed = await tx.deviceAuthorization.updateMany({ where: { id: stored.id, usedAt: null }, data: { usedAt: now } });
    if (consumed.count === 0) throw invalidGrant('The device code has already been used.');
    await tx.user.update({ where: { id: user.id }, data: { loginCount: { increment: 1 }, lastSignInAt: now } });
    await prepared.persist(tx);
    await emitEvent(tx, { type: 'app', id: stored.app.clientId }, 'oauth.token.issued', {
      authId: user.id,
      clientId: stored.app.clientId,
      grantType: 'urn:ietf:params:oauth:grant-type:device_code',
      scopes: prepared.response.scope ? prepared.response.scope.split(' ') : [],
    });
  });
  return prepared.response;
}
