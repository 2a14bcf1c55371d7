import { loadFlow, currentStep, completeStep, denyFlow, type BrowserContext, type FlowOutcome } from '../flow';
import { AppError } from '@/lib/errors';
import { IdentityErrors } from '../errors';
import { isPolicyName } from './steps';

/**
 * "Back to the app" on a policy page, without (further) changes: the policy step ends and the
 * request finishes like a sign-in (code to the client), as Melody returns to the app after a
 * policy. manage_sessions' "Done" is the same. delete_account ends with access_denied instead: no
 * code comes out of a deletion request (it skips consent).
 */
export async function leavePolicy(context: BrowserContext): Promise<FlowOutcome> {
  const row = await loadFlow(context.requestId, context.bindingSecret);
  const step = await currentStep(row);
  if (!step || !isPolicyName(step)) throw new AppError(IdentityErrors.wrong_step);
  if (step === 'delete_account') return denyFlow(row, 'The user kept the account.');
  return completeStep(row, step);
}
