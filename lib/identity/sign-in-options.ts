// What the sign-in page offers besides email + password, for this deployment and request's org.
import { config } from '@/lib/config';
import { signUpOffered } from './sign-up';

export async function signInOptions(orgSlug: string) {
  const settings = config();
  return {
    /** ENABLE_PASSWORDLESS_SIGN_IN: the page asks for an email only; `link` with USE_PASSWORDLESS_AS_MAGIC_LINK. */
    passwordless: settings.enablePasswordlessSignIn ? (settings.usePasswordlessAsMagicLink ? ('link' as const) : ('code' as const)) : null,
    passwordReset: settings.enablePasswordReset,
    signUp: await signUpOffered(orgSlug),
  };
}
