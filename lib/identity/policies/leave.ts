import { defineAction, type FlowOutcome } from '@/lib/flow';
import { isPolicyName } from '@/lib/oauth/policies';

/**
 * "Back to the app" on a policy page, without (further) changes: the policy step ends and the
 * request finishes like a sign-in (code to the client), as Melody returns to the app after a
 * policy. manage_sessions' "Done" is the same. delete_account ends with access_denied instead: no
 * code comes out of a deletion request (it skips consent).
 */
export const leavePolicy = defineAction<void, FlowOutcome>({
  steps: (flow) => flow.step !== null && isPolicyName(flow.step.name),
  async run(flow) {
    if (flow.step!.name === 'delete_account') return flow.deny('The user kept the account.');
    return flow.complete();
  },
});
