import type { FlowContext } from '@/lib/flow';
import { rememberedFactor } from '@/lib/mfa/flow-steps';

/** Where an MFA step page sends a browser that remembers the step's factor (mfa-remembered), or null. */
export async function rememberedDeviceRedirect(context: FlowContext): Promise<string | null> {
  const factor = await rememberedFactor(context);
  return factor && context.requestId ? `/identity/v1/mfa-remembered?request=${encodeURIComponent(context.requestId)}` : null;
}
