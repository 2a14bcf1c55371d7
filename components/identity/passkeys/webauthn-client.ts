// Browser side of the WebAuthn ceremonies. @simplewebauthn/browser is loaded on demand (dynamic
// import): the sign-in page's first load stays within its JavaScript budget, and browsers without
// passkey support never fetch it.

export const loadWebAuthn = () => import('@simplewebauthn/browser');

export function supportsPasskeys(): boolean {
  return typeof window !== 'undefined' && typeof window.PublicKeyCredential === 'function';
}

/** Whether the browser can offer passkeys in the autofill of the email field (conditional mediation). */
export async function supportsAutofill(): Promise<boolean> {
  if (!supportsPasskeys() || typeof PublicKeyCredential.isConditionalMediationAvailable !== 'function') return false;
  return PublicKeyCredential.isConditionalMediationAvailable().catch(() => false);
}

/** The user dismissed the browser's dialog, it timed out, or another ceremony replaced it. */
export function isCancelled(error: unknown): boolean {
  return error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'AbortError');
}
