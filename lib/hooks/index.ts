// Runs the deployer's hooks (lib/hooks/custom.ts) with the rules of lib/hooks/types.ts. Services call
// the functions below; nothing else imports custom.ts.
import type { App, User } from '@/lib/db/generated/client';
import { AppError, CommonErrors } from '@/lib/errors';
import { hooks as deployerHooks } from './custom';
import type {
  AccessTokenClaimsContext,
  ClientCredentialsEvent,
  CodeExchangeEvent,
  HookApp,
  HookUser,
  IdTokenClaimsContext,
  JsonValue,
  SignInEvent,
  TesseraHooks,
} from './types';

export type * from './types';
export { HookErrors, runBeforeSignIn, runBeforeSignUp, runBeforeTokenIssued, runBeforeUserUpdate } from './pre-hooks';

/**
 * Claims a hook can never set: JWT registered claims (RFC 7519), OAuth/OIDC protocol claims
 * (RFC 9068, OIDC Core, RFC 8693/9449) and every claim Tessera itself puts in access or ID tokens.
 * Besides these, a hook cannot override any claim the token being signed already carries.
 */
export const RESERVED_CLAIMS: ReadonlySet<string> = new Set([
  // RFC 7519
  'iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti',
  // OAuth 2.0 / RFC 9068 / RFC 8693 / RFC 9449
  'scope', 'client_id', 'azp', 'act', 'may_act', 'cnf', 'typ',
  // OpenID Connect Core
  'auth_time', 'nonce', 'acr', 'amr', 'at_hash', 'c_hash', 's_hash', 'sid', 'sub_jwk',
  // Tessera / Melody Auth claims
  'roles', 'permissions', 'attributes', 'org', 'impersonatedBy', 'email', 'email_verified', 'locale', 'given_name', 'family_name', 'first_name', 'last_name',
]);

/** How long a post-event hook may delay the response; it keeps running afterwards, unobserved. */
export const POST_HOOK_TIMEOUT_MS = 5_000;

let active: TesseraHooks = deployerHooks;

/** The hooks in force (lib/hooks/custom.ts, or a test's). */
export function activeHooks(): TesseraHooks {
  return active;
}

/** Tests install their own hooks; `undefined` restores lib/hooks/custom.ts. */
export function setHooksForTesting(hooks: TesseraHooks | undefined): void {
  active = hooks ?? deployerHooks;
}

export function toHookUser(user: Pick<User, 'id' | 'email' | 'emailVerified' | 'firstName' | 'lastName' | 'locale'>): HookUser {
  return {
    authId: user.id,
    email: user.email,
    emailVerified: user.emailVerified,
    firstName: user.firstName,
    lastName: user.lastName,
    locale: user.locale,
  };
}

export function toHookApp(app: Pick<App, 'id' | 'clientId' | 'name' | 'type'>): HookApp {
  return { id: app.id, clientId: app.clientId, name: app.name, type: app.type };
}

const warned = new Set<string>();

export function hookFailed(name: string, error: unknown): AppError {
  console.error(`[tessera] hook ${name} failed: the grant is refused (server_error)`, error);
  return new AppError(CommonErrors.server_error);
}

/** A JSON copy of a claim value (rejects BigInt, cycles; functions and symbols become absent). */
function jsonValue(value: unknown): JsonValue | undefined {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : (JSON.parse(text) as JsonValue);
}

async function withExtraClaims<C, T extends object>(
  name: 'customizeAccessTokenClaims' | 'customizeIdTokenClaims',
  context: C,
  claims: T,
): Promise<T> {
  const hook = active[name] as ((context: C) => unknown) | undefined;
  if (!hook) return claims;
  let returned: unknown;
  try {
    returned = await hook.call(active, context);
  } catch (error) {
    throw hookFailed(name, error);
  }
  if (returned === undefined || returned === null) return claims;
  // Spread order is belt and braces: no key of the extra claims is a key of `claims`.
  return { ...extraClaimsFor(name, returned, claims), ...claims };
}

/**
 * The claims a hook may add to a token that already holds `claims`: JSON values, never a reserved
 * claim or one the token has (those are dropped with a warning, once per hook and set of names).
 */
export function extraClaimsFor(name: string, returned: unknown, claims: object): Record<string, JsonValue> {
  if (typeof returned !== 'object' || returned === null || Array.isArray(returned)) throw hookFailed(name, new TypeError('expected an object of claims'));
  const extra: Record<string, JsonValue> = {};
  const refused: string[] = [];
  for (const [claim, value] of Object.entries(returned)) {
    if (RESERVED_CLAIMS.has(claim) || Object.hasOwn(claims, claim)) {
      refused.push(claim);
      continue;
    }
    let json: JsonValue | undefined;
    try {
      json = jsonValue(value);
    } catch (error) {
      throw hookFailed(name, new TypeError(`claim "${claim}" is not JSON: ${(error as Error).message}`));
    }
    if (json !== undefined) Object.defineProperty(extra, claim, { value: json, enumerable: true, writable: true, configurable: true });
  }
  if (refused.length) {
    const key = `${name}:${refused.sort().join(',')}`;
    if (!warned.has(key)) {
      warned.add(key);
      console.warn(`[tessera] hook ${name} returned reserved claims, ignored: ${refused.join(', ')}`);
    }
  }
  return extra;
}

/** `claims` plus what customizeAccessTokenClaims adds; Tessera's own claims always win. */
export function withAccessTokenHookClaims<T extends object>(context: AccessTokenClaimsContext, claims: T): Promise<T> {
  return withExtraClaims('customizeAccessTokenClaims', context, claims);
}

/** `claims` plus what customizeIdTokenClaims adds; Tessera's own claims always win. */
export function withIdTokenHookClaims<T extends object>(context: IdTokenClaimsContext, claims: T): Promise<T> {
  return withExtraClaims('customizeIdTokenClaims', context, claims);
}

async function runPostHook<E>(name: 'afterSignIn' | 'afterCodeExchange' | 'afterClientCredentials', event: E): Promise<void> {
  const hook = active[name] as ((event: E) => unknown) | undefined;
  if (!hook) return;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.resolve().then(() => hook.call(active, event)),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${POST_HOOK_TIMEOUT_MS / 1000} s`)), POST_HOOK_TIMEOUT_MS);
        timer.unref();
      }),
    ]);
  } catch (error) {
    console.error(`[tessera] hook ${name} failed (the request succeeded anyway)`, error);
  } finally {
    clearTimeout(timer);
  }
}

export const runAfterSignIn = (event: SignInEvent) => runPostHook('afterSignIn', event);
export const runAfterCodeExchange = (event: CodeExchangeEvent) => runPostHook('afterCodeExchange', event);
export const runAfterClientCredentials = (event: ClientCredentialsEvent) => runPostHook('afterClientCredentials', event);
