import { cookies } from 'next/headers';
import { rememberedFactor } from '@/lib/mfa/flow-steps';
import { rememberCookieName } from '@/lib/mfa/remember-device';

/** Where an MFA step page sends a browser that remembers the step's factor (mfa-remembered), or null. */
export async function rememberedDeviceRedirect(requestId: string | undefined, bindingSecret: string | undefined): Promise<string | null> {
  const jar = await cookies();
  const factor = await rememberedFactor(requestId, bindingSecret, (type) => jar.get(rememberCookieName(type))?.value);
  return factor && requestId ? `/identity/v1/mfa-remembered?request=${encodeURIComponent(requestId)}` : null;
}
