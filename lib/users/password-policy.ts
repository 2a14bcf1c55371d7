// The password rule of the self-service pages (sign-up, password reset, invitation acceptance):
// Melody Auth's, which is class-validator's IsStrongPassword default: at least 8 characters with a
// lower-case letter, an upper-case letter, a digit and a symbol. Kept so that a password accepted
// here is accepted by Melody and its SDKs' forms (deployments move both ways), and because Melody
// users expect it. Letters are Unicode letters (é and Ж count); a symbol is anything that is not a
// letter or digit (space included). Sign-in never checks it (older or imported passwords keep
// working), nor do admin-created users (lib/users/service: length only).
//
// Pure and dependency-free: the client islands import it to show the same rule while typing.

export const PASSWORD_POLICY_MIN_LENGTH = 8;
/** lib/users/service PASSWORD_MAX_LENGTH: argon2 cost grows with input. */
export const PASSWORD_POLICY_MAX_LENGTH = 256;

export const PASSWORD_RULES = ['length', 'lowercase', 'uppercase', 'digit', 'symbol'] as const;
export type PasswordRule = (typeof PASSWORD_RULES)[number];

const CHECKS: Record<PasswordRule, (password: string) => boolean> = {
  length: (password) => [...password].length >= PASSWORD_POLICY_MIN_LENGTH && password.length <= PASSWORD_POLICY_MAX_LENGTH,
  lowercase: (password) => /\p{Ll}/u.test(password),
  uppercase: (password) => /\p{Lu}/u.test(password),
  digit: (password) => /\p{Nd}/u.test(password),
  symbol: (password) => /[^\p{L}\p{N}]/u.test(password),
};

/** The rules `password` breaks, in PASSWORD_RULES order; empty when it is acceptable. */
export function passwordPolicyIssues(password: string): PasswordRule[] {
  return PASSWORD_RULES.filter((rule) => !CHECKS[rule](password));
}

export function isStrongPassword(password: string): boolean {
  return passwordPolicyIssues(password).length === 0;
}
