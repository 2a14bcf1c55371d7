// Types of the server-side hooks a deployer implements in lib/hooks/custom.ts.
import type { SignInMethod } from '@/lib/logs/methods';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Claims a hook adds to a token. `undefined` values are dropped; reserved names are refused. */
export type ExtraClaims = Record<string, JsonValue | undefined>;

type MaybePromise<T> = T | Promise<T>;

/** The user a token or event is about (no secrets, no hashes). */
export interface HookUser {
  /** The user's id: the `sub` of their tokens (Melody's authId). */
  authId: string;
  email: string | null;
  emailVerified: boolean;
  firstName: string | null;
  lastName: string | null;
  locale: string;
}

/** The client (app) a token is issued to. */
export interface HookApp {
  id: string;
  clientId: string;
  name: string;
  type: 'spa' | 's2s';
}

export type UserGrantType = 'authorization_code' | 'refresh_token' | 'urn:ietf:params:oauth:grant-type:device_code';
export type HookGrantType = UserGrantType | 'client_credentials';

/** What an access token is being issued for. */
export type AccessTokenClaimsContext =
  | {
      grantType: UserGrantType;
      app: HookApp;
      user: HookUser;
      /** The user's role names (the token's `roles` claim). */
      roles: readonly string[];
      /** Granted scopes (the token's `scope` claim). */
      scopes: readonly string[];
      /** The organization slug of the sign-in, '' when none. */
      orgSlug: string;
    }
  | {
      grantType: 'client_credentials';
      app: HookApp;
      user: null;
      roles: readonly string[];
      scopes: readonly string[];
      orgSlug: string;
    };

/** What an ID token is being issued for (always a user grant with the `openid` scope). */
export interface IdTokenClaimsContext {
  grantType: UserGrantType;
  app: HookApp;
  user: HookUser;
  roles: readonly string[];
  scopes: readonly string[];
  orgSlug: string;
}

/** A user proved who they are on the hosted pages (the SSO session has started). */
export interface SignInEvent {
  user: HookUser;
  /** The app the user is signing in to. */
  app: HookApp;
  /** How: the sign-in log's method (lib/logs/sign-in.ts), e.g. 'password' or 'passkey'. */
  method: SignInMethod;
  authTime: Date;
  /** From the trusted proxy header, '' when none is configured. */
  ip: string;
  userAgent: string;
}

/** An authorization code was exchanged for tokens. */
export interface CodeExchangeEvent {
  user: HookUser;
  app: HookApp;
  scopes: readonly string[];
  orgSlug: string;
  /** Whether the response carried an ID token and a refresh token. */
  idToken: boolean;
  refreshToken: boolean;
}

/** An S2S app obtained a client_credentials access token. */
export interface ClientCredentialsEvent {
  app: HookApp;
  scopes: readonly string[];
}

/** A text for the user: one string, or one per locale ({ en: '…', fr: '…' }; the request's locale, then its language, then en, then the first). */
export type LocalizedText = string | Readonly<Record<string, string>>;

/**
 * A pre-hook's answer. Nothing (or `{ allow: true }`) lets the action go on; `{ deny: true }` stops
 * it, with `message` shown on the hosted page or returned by the API (a generic localized text
 * without one). `claims` count only before token issuance, where they join the access token under
 * the claim hooks' rules (no reserved or existing claim).
 */
export type PreHookResult = void | undefined | { allow: true; claims?: ExtraClaims } | { deny: true; message?: LocalizedText };

/** Self-service sign-up on the hosted page, before the account exists. */
export interface BeforeSignUpEvent {
  email: string;
  firstName: string | null;
  lastName: string | null;
  app: HookApp;
  locale: string;
  ip: string;
}

/** A credential proved who the user is; before the SSO session starts (every method). */
export interface BeforeSignInEvent {
  user: HookUser;
  app: HookApp;
  method: SignInMethod;
  locale: string;
  ip: string;
  userAgent: string;
}

/** Before an access token is signed (every grant; `user` null for client_credentials). */
export interface BeforeTokenIssuedEvent {
  grantType: HookGrantType;
  app: HookApp;
  user: HookUser | null;
  scopes: readonly string[];
}

/** Before a user is updated through the API, the dashboard or update_info. */
export interface BeforeUserUpdateEvent {
  user: HookUser;
  /** The requested changes (the API's PUT body: names, locale, isActive, roles, metadata, attributes…). */
  changes: Readonly<Record<string, unknown>>;
  actor: { type: 'user' | 'app' | 'api_key' | 'system'; id: string | null };
}

/**
 * The hooks. Claim hooks run before a token is signed and return extra claims (or nothing); a
 * claim hook that throws fails the grant with server_error, because a resource server may rely on
 * the claims it adds. Pre-hooks (before*) may refuse the action (lib/hooks/pre-hooks.ts). Post-event hooks run after the grant or sign-in succeeded and are awaited (up
 * to 5 s) before the response is sent; their errors and time-outs are logged and never fail it.
 */
export interface TesseraHooks {
  customizeAccessTokenClaims?(context: AccessTokenClaimsContext): MaybePromise<ExtraClaims | undefined | void>;
  customizeIdTokenClaims?(context: IdTokenClaimsContext): MaybePromise<ExtraClaims | undefined | void>;
  beforeSignUp?(event: BeforeSignUpEvent): MaybePromise<PreHookResult>;
  beforeSignIn?(event: BeforeSignInEvent): MaybePromise<PreHookResult>;
  beforeTokenIssued?(event: BeforeTokenIssuedEvent): MaybePromise<PreHookResult>;
  beforeUserUpdate?(event: BeforeUserUpdateEvent): MaybePromise<PreHookResult>;
  afterSignIn?(event: SignInEvent): MaybePromise<void>;
  afterCodeExchange?(event: CodeExchangeEvent): MaybePromise<void>;
  afterClientCredentials?(event: ClientCredentialsEvent): MaybePromise<void>;
}
