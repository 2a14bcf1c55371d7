// The scope arithmetic of every caller, in one place. Pure (no server imports): the dashboard's
// client components gate their buttons with the same functions the server decides with.
import { ROOT_ONLY_ADMIN_SCOPES, ROOT_SCOPE } from './rights';

export { ROOT_SCOPE };

/** Anything that holds scopes: a principal, a service caller, or the plain list. */
export type ScopeHolder = { readonly scopes: readonly string[] } | readonly string[];

const scopesOf = (holder: ScopeHolder): readonly string[] => (Array.isArray(holder) ? holder : (holder as { scopes: readonly string[] }).scopes);

export function isRoot(holder: ScopeHolder): boolean {
  return scopesOf(holder).includes(ROOT_SCOPE);
}

/** The one rule for scopes: the holder has `scope` itself, or root. */
export function hasScope(holder: ScopeHolder, scope: string): boolean {
  return isRoot(holder) || scopesOf(holder).includes(scope);
}

/**
 * The `required` scopes the holder lacks (none with root). `alternative`: a dashboard right that
 * stands in for all of them (impersonation, manage_saml), held only by admin sessions.
 */
export function missingScopes(holder: ScopeHolder, required: readonly string[], alternative?: string): string[] {
  if (isRoot(holder)) return [];
  if (alternative !== undefined && scopesOf(holder).includes(alternative)) return [];
  return required.filter((scope) => !scopesOf(holder).includes(scope));
}

/**
 * Whether the holder may hand over (or take away, or outrank someone holding) the right `right`:
 * root, impersonation and manage_saml need root; any other right, the right itself.
 */
export function holdsRight(holder: ScopeHolder, right: string): boolean {
  if (right === ROOT_SCOPE || (ROOT_ONLY_ADMIN_SCOPES as readonly string[]).includes(right)) return isRoot(holder);
  return hasScope(holder, right);
}

/** The rights in `rights` the holder does not hold (holdsRight), each once. */
export function rightsNotHeld(holder: ScopeHolder, rights: Iterable<string>): string[] {
  return [...new Set(rights)].filter((right) => !holdsRight(holder, right));
}
