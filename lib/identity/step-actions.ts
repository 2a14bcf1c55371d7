// The two moves every credential step page makes (verify_email, passwordless_verify, sign-up on
// the sign_in step): load this browser's request at a given step, and complete a step together
// with its own writes. (Same contract as the policy pages' loadStep / completeStep.)
import { transaction, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { IdentityErrors } from './errors';
import { advance, currentStep, loadFlow, type BrowserContext, type FlowOutcome, type FlowRow, type FlowStep } from './flow';

/** The request of this browser, provided `step` is its current step (else wrong_step). */
export async function loadAtStep(context: Pick<BrowserContext, 'requestId' | 'bindingSecret'>, step: FlowStep): Promise<FlowRow> {
  const row = await loadFlow(context.requestId, context.bindingSecret);
  if ((await currentStep(row)) !== step) throw new AppError(IdentityErrors.wrong_step);
  return row;
}

/**
 * Marks `step` completed, with the step's own writes in the same transaction, and moves the
 * request on. A second submission of the same step fails with wrong_step.
 */
export async function completeAtStep(row: FlowRow, step: FlowStep, write?: (tx: Tx) => Promise<void>): Promise<FlowOutcome> {
  const updated = await transaction(async (tx) => {
    const marked = await tx.authorizationRequest.updateMany({
      where: { id: row.id, NOT: { completedSteps: { has: step } } },
      data: { completedSteps: { push: step } },
    });
    if (marked.count === 0) throw new AppError(IdentityErrors.wrong_step);
    await write?.(tx);
    return tx.authorizationRequest.findUniqueOrThrow({ where: { id: row.id }, include: { app: true } });
  });
  return advance(updated);
}
