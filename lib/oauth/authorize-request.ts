import { config, KNOWN_POLICIES } from '@/lib/config';
import { findAppByClientId, type AppWithScopes } from '@/lib/apps/service';
import { AppError, type ErrorDefinition } from '@/lib/errors';
import { policyUnavailability } from '@/lib/oauth/policies';
import { AuthorizePageErrors, OAuthErrors } from './errors';
import { isValidCodeChallenge, type PkceMethod } from './pkce';
import { encodePopupResult, POPUP_COMPLETE_PATH } from './popup-result';
import { isRegisteredRedirectUri, withQuery } from '@/lib/apps/redirect-uris';

export const SUPPORTED_POLICIES = KNOWN_POLICIES;
const PROMPT_VALUES = ['none', 'login', 'consent', 'select_account'] as const;
const MAX_PARAM_LENGTH = 2048;
const MAX_STATE_LENGTH = 1024;

export interface ValidAuthorizeRequest {
  app: AppWithScopes;
  redirectUri: string;
  state: string;
  scopes: string[];
  nonce: string | null;
  codeChallenge: string;
  codeChallengeMethod: PkceMethod;
  prompt: string[];
  maxAge: number | null;
  loginHint: string | null;
  locale: string;
  policy: string;
  orgSlug: string;
  authorizeMethod: AuthorizeMethod;
}

export type AuthorizeMethod = 'redirect' | 'popup';

/** Where an authorization response goes: the redirect URI itself, or our popup page for it. */
export interface ResponseTarget {
  redirectUri: string;
  method: AuthorizeMethod;
  /** Language of the popup page. */
  locale?: string;
}

/** Failure before the client and redirect URI are trusted: shown on our own error page. */
export class AuthorizePageError extends AppError {}

/** Failure after they are trusted: reported to the client at its redirect URI (RFC 6749 §4.1.2.1). */
export class AuthorizeRedirectError extends AppError {
  constructor(
    definition: ErrorDefinition,
    message: string,
    readonly target: ResponseTarget,
    readonly state: string | undefined,
  ) {
    super(definition, message);
  }

  get location(): string {
    return authorizeErrorLocation(this.target, this.code, this.message, this.state);
  }
}

/**
 * Redirect mode: the parameters in the redirect URI's query. Popup mode: our popup page with the
 * parameters in its fragment (see popup-result.ts), which hands them to the opener.
 */
export function authorizeResponseLocation(target: ResponseTarget, params: Record<string, string | undefined>): string {
  if (target.method === 'redirect') return withQuery(target.redirectUri, params);
  const page = withQuery(`${config().authServerUrl}${POPUP_COMPLETE_PATH}`, { locale: target.locale });
  return `${page}#${encodePopupResult(target.redirectUri, params)}`;
}

export function authorizeErrorLocation(target: ResponseTarget, error: string, description: string, state?: string): string {
  return authorizeResponseLocation(target, { error, error_description: description, state, iss: config().issuer });
}

function hasWebOrigin(uri: string): boolean {
  const { protocol } = new URL(uri);
  return protocol === 'https:' || protocol === 'http:';
}

/**
 * The request's language: Melody's `locale` parameter, then OIDC's `ui_locales`, then what the
 * browser prefers (`preferred`: proxy.ts's choice from the locale cookie and Accept-Language),
 * then the deployment's default.
 */
export function pickLocale(requested: string | undefined, uiLocales: string | undefined, preferred: string | undefined): string {
  const { supportedLocales, defaultLocale } = config();
  const candidates = [requested, ...(uiLocales?.split(' ') ?? []), preferred].filter((value): value is string => Boolean(value));
  for (const candidate of candidates) {
    const match = supportedLocales.find((locale) => locale.toLowerCase() === candidate.toLowerCase());
    if (match) return match;
    const base = supportedLocales.find((locale) => locale.split('-')[0]!.toLowerCase() === candidate.split('-')[0]!.toLowerCase());
    if (base) return base;
  }
  return defaultLocale;
}

/**
 * Validates /authorize parameters in the order RFC 6749 requires: client and redirect URI
 * first (failures never redirect), then everything else (failures redirect to the client).
 */
export async function validateAuthorizeRequest(params: URLSearchParams, browser: { preferredLocale?: string } = {}): Promise<ValidAuthorizeRequest> {
  const single = (name: string) => params.get(name) ?? undefined;
  const tooLong = [...params.entries()].find(([, value]) => value.length > MAX_PARAM_LENGTH);

  const clientId = single('client_id');
  if (!clientId || params.getAll('client_id').length > 1 || clientId.length > 64) {
    throw new AuthorizePageError(AuthorizePageErrors.invalid_client, 'client_id is missing or malformed.');
  }
  const app = await findAppByClientId(clientId);
  if (!app || !app.isActive || app.type !== 'spa') {
    throw new AuthorizePageError(AuthorizePageErrors.invalid_client, 'Unknown, inactive or non-SPA client.');
  }

  const redirectUri = single('redirect_uri');
  if (!redirectUri || params.getAll('redirect_uri').length > 1 || !isRegisteredRedirectUri(redirectUri, app.redirectUris)) {
    throw new AuthorizePageError(AuthorizePageErrors.invalid_redirect_uri);
  }

  const rawState = single('state');
  const state = rawState && rawState.length <= MAX_STATE_LENGTH ? rawState : undefined;
  // A popup can only hand its result to a page with a web origin (postMessage's target).
  const popup = single('authorize_method') === 'popup' && hasWebOrigin(redirectUri);
  const locale = pickLocale(single('locale'), single('ui_locales'), browser.preferredLocale);
  const target: ResponseTarget = { redirectUri, method: popup ? 'popup' : 'redirect', locale };
  const fail: (definition: ErrorDefinition, message: string) => never = (definition, message) => {
    throw new AuthorizeRedirectError(definition, message, target, state);
  };

  const duplicated = [...new Set(params.keys())].filter((name) => params.getAll(name).length > 1);
  if (duplicated.length) fail(OAuthErrors.invalid_request, `Parameters must not repeat: ${duplicated.join(', ')}`);
  if (tooLong) fail(OAuthErrors.invalid_request, `Parameter ${tooLong[0]} is too long.`);
  if (params.has('request')) fail(OAuthErrors.request_not_supported, 'Request objects are not supported.');
  if (params.has('request_uri')) fail(OAuthErrors.request_uri_not_supported, 'request_uri is not supported.');

  if (single('response_type') !== 'code') fail(OAuthErrors.unsupported_response_type, 'response_type must be "code".');
  const responseMode = single('response_mode');
  if (responseMode && responseMode !== 'query') fail(OAuthErrors.invalid_request, 'Only response_mode=query is supported.');
  if (!rawState) fail(OAuthErrors.invalid_request, 'state is required.');
  if (!state) fail(OAuthErrors.invalid_request, 'state is too long.');

  const codeChallenge = single('code_challenge');
  const method = single('code_challenge_method') ?? 'plain';
  if (!codeChallenge) fail(OAuthErrors.invalid_request, 'code_challenge is required (PKCE).');
  if (method !== 'S256' && !(method === 'plain' && config().enablePlainPkceMethod)) {
    fail(OAuthErrors.invalid_request, 'code_challenge_method must be S256.');
  }
  if (!isValidCodeChallenge(codeChallenge!, method as PkceMethod)) fail(OAuthErrors.invalid_request, 'code_challenge is malformed.');

  const scopes = [...new Set((single('scope') ?? '').split(' ').filter(Boolean))];
  if (!scopes.length) fail(OAuthErrors.invalid_scope, 'scope is required.');
  const disallowed = scopes.filter((scope) => !app.scopeNames.includes(scope));
  if (disallowed.length) fail(OAuthErrors.invalid_scope, `Scope not allowed for this client: ${disallowed.join(' ')}`);

  const prompt = (single('prompt') ?? '').split(' ').filter(Boolean);
  if (prompt.some((value) => !(PROMPT_VALUES as readonly string[]).includes(value))) fail(OAuthErrors.invalid_request, 'Unsupported prompt value.');
  if (prompt.includes('none') && prompt.length > 1) fail(OAuthErrors.invalid_request, 'prompt=none cannot be combined.');

  const rawMaxAge = single('max_age');
  const maxAge = rawMaxAge === undefined ? null : Number(rawMaxAge);
  if (maxAge !== null && (!/^\d{1,9}$/.test(rawMaxAge!) || !Number.isSafeInteger(maxAge))) {
    fail(OAuthErrors.invalid_request, 'max_age must be a non-negative integer.');
  }

  const policy = single('policy') ?? 'sign_in_or_sign_up';
  if (!(SUPPORTED_POLICIES as readonly string[]).includes(policy)) fail(OAuthErrors.invalid_request, `Unsupported policy: ${policy}`);
  const unavailable = policyUnavailability(policy);
  if (unavailable === 'blocked') fail(OAuthErrors.invalid_request, `The policy ${policy} is blocked on this server.`);
  if (unavailable === 'disabled') fail(OAuthErrors.invalid_request, `The policy ${policy} is not enabled on this server.`);

  const orgSlug = single('org') ?? '';
  if (orgSlug && !/^[a-z0-9][a-z0-9-]{0,49}$/i.test(orgSlug)) fail(OAuthErrors.invalid_request, 'org is malformed.');

  const authorizeMethod = single('authorize_method') ?? 'redirect';
  if (authorizeMethod !== 'redirect' && authorizeMethod !== 'popup') fail(OAuthErrors.invalid_request, 'authorize_method must be redirect or popup.');
  if (authorizeMethod === 'popup' && !popup) fail(OAuthErrors.invalid_request, 'authorize_method=popup needs an http(s) redirect_uri.');

  return {
    app,
    redirectUri,
    state: state!,
    scopes,
    nonce: single('nonce') ?? null,
    codeChallenge: codeChallenge!,
    codeChallengeMethod: method as PkceMethod,
    prompt,
    maxAge,
    loginHint: single('login_hint') ?? null,
    locale,
    policy,
    orgSlug,
    authorizeMethod: authorizeMethod as AuthorizeMethod,
  };
}
