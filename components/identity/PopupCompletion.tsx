'use client';

import { useEffect } from 'react';
import { decodePopupResult } from '@/lib/oauth/popup-result';

/**
 * Hands the authorization response in the URL fragment to the window that opened the popup, only
 * at the redirect URI's origin, then closes the popup. The fragment is removed from the address bar
 * and history first, so the code does not linger. Without an opener (the page was opened some other
 * way) nothing is posted and the page's "you can close this window" text stays. Renders nothing.
 */
export function PopupCompletion() {
  useEffect(() => {
    const result = decodePopupResult(window.location.hash);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    const opener = window.opener as Window | null;
    if (!result || !opener) return;
    opener.postMessage(result.message, result.targetOrigin);
    window.close();
  }, []);
  return null;
}
