/**
 * Popup authorize (`authorize_method=popup`, Melody's `loginPopup`): the authorization response goes
 * to our hosted page in the popup, which posts it to `window.opener` and closes, instead of
 * navigating to the redirect URI. The response travels in the URL FRAGMENT of that page: browsers
 * never send fragments to a server, so the code stays out of access logs and Referer headers.
 *
 * Dependency-free: the server builds the fragment, the page's client island reads it.
 */

export const POPUP_COMPLETE_PATH = '/identity/v1/popup-complete';

/** Melody's popup contract: the SDK accepts any message with `state` and `code`. */
export interface PopupCodeMessage {
  state: string;
  code: string;
  locale: string;
  /** Empty when the request named no org (Melody sends '' too). */
  org: string;
  redirectUri: string;
}

export interface PopupErrorMessage {
  state: string;
  error: string;
  error_description: string;
  redirectUri: string;
}

export type PopupMessage = PopupCodeMessage | PopupErrorMessage;

const REDIRECT_URI_PARAM = 'redirect_uri';

/** The fragment (without '#') carrying an authorization response and the redirect URI it is for. */
export function encodePopupResult(redirectUri: string, params: Record<string, string | undefined>): string {
  const fragment = new URLSearchParams({ [REDIRECT_URI_PARAM]: redirectUri });
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') fragment.set(name, value);
  }
  return fragment.toString();
}

/**
 * What the popup page posts, and to which origin: the redirect URI's, so that only the client's
 * own page receives the code. Null for a fragment that is not a complete response or whose
 * redirect URI has no web origin; the page then posts nothing.
 */
export function decodePopupResult(fragment: string): { targetOrigin: string; message: PopupMessage } | null {
  const params = new URLSearchParams(fragment.startsWith('#') ? fragment.slice(1) : fragment);
  const redirectUri = params.get(REDIRECT_URI_PARAM);
  // An error may lack state (when the request's own state was missing or invalid); a code never does.
  const state = params.get('state') ?? '';
  if (!redirectUri) return null;
  let targetOrigin: string;
  try {
    const url = new URL(redirectUri);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    targetOrigin = url.origin;
  } catch {
    return null;
  }

  const code = params.get('code');
  if (code && state) {
    return { targetOrigin, message: { state, code, locale: params.get('locale') ?? '', org: params.get('org') ?? '', redirectUri } };
  }
  const error = params.get('error');
  if (error) {
    return { targetOrigin, message: { state, error, error_description: params.get('error_description') ?? '', redirectUri } };
  }
  return null;
}
