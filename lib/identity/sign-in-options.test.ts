import { afterEach, describe, expect, it } from 'vitest';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { ensureSeeded } from '@/lib/testing/factories';
import { startFlow } from '@/lib/testing/flows';
import { getSignInView } from './sign-in';
import { signInOptions } from './sign-in-options';

afterEach(() => resetConfigForTesting());

describe('signInOptions', () => {
  it('offers sign-up and password reset on the base policy only (Melody hides them for policy requests)', async () => {
    await ensureSeeded();
    overrideConfigForTesting({ enableSignUp: true, enablePasswordReset: true, enablePasswordlessSignIn: false });
    const base = await startFlow();
    const policy = await startFlow({ params: { policy: 'change_password' } });

    const baseView = await getSignInView(base);
    const policyView = await getSignInView(policy);
    expect(baseView.policy).toBe('sign_in_or_sign_up');
    expect(policyView.policy).toBe('change_password');

    expect(await signInOptions(baseView)).toEqual({ passwordless: null, passwordReset: true, signUp: true });
    expect(await signInOptions(policyView)).toEqual({ passwordless: null, passwordReset: false, signUp: false });
  });

  it('keeps passwordless sign-in for policy requests, and follows the toggles on the base policy', async () => {
    overrideConfigForTesting({ enableSignUp: false, enablePasswordReset: false, enablePasswordlessSignIn: true, usePasswordlessAsMagicLink: true });
    expect(await signInOptions({ orgSlug: '', policy: 'sign_in_or_sign_up' })).toEqual({ passwordless: 'link', passwordReset: false, signUp: false });
    expect(await signInOptions({ orgSlug: '', policy: 'update_info' })).toEqual({ passwordless: 'link', passwordReset: false, signUp: false });
  });
});
