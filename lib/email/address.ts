// Deliberately permissive: local-part@domain without spaces. Addresses such as admin@localhost
// are valid for self-hosted installs; deliverability is proven by verification, not by regex.
const EMAIL_PATTERN = /^[^\s@]{1,64}@[^\s@]{1,253}$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function isEmailAddress(value: string): boolean {
  return value.length <= 320 && EMAIL_PATTERN.test(value.trim());
}
