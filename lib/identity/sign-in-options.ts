// What the sign-in page offers besides email + password, for this deployment and request.
import { config } from '@/lib/config';
import { signUpOffered } from './sign-up';

/**
 * A request started for a policy (change_password, delete_account, …) signs an existing user in
 * before the policy page: as in Melody, only the base policy offers sign-up and password reset.
 */
export async function signInOptions({ orgSlug, policy }: { orgSlug: string; policy: string }) {
  const settings = config();
  const basePolicy = policy === 'sign_in_or_sign_up';
  return {
    /** ENABLE_PASSWORDLESS_SIGN_IN: the page asks for an email only; `link` with USE_PASSWORDLESS_AS_MAGIC_LINK. */
    passwordless: settings.enablePasswordlessSignIn ? (settings.usePasswordlessAsMagicLink ? ('link' as const) : ('code' as const)) : null,
    passwordReset: basePolicy && settings.enablePasswordReset,
    signUp: basePolicy && (await signUpOffered(orgSlug)),
  };
}
