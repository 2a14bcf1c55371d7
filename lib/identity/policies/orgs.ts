// The org choice after sign-in (switch_org: ENABLE_ORG && ALLOW_USER_SWITCH_ORG_ON_SIGN_IN) and the
// change_org policy: the user picks one of their orgs (memberships, never a branding-only org).
// The choice becomes the user's active org (User.activeOrgId) and the request's org, so the code,
// the tokens (`org` claim) and the rest of the request's pages follow it.
import { z } from 'zod';
import { recordAudit } from '@/lib/audit';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { defineAction, type FlowOutcome } from '@/lib/flow';
import { listUserOrgs } from '@/lib/orgs/memberships';
import { safeHttpUrl } from '@/lib/ui/safe-values';
import { definePolicyAction, type PolicyActionScope } from './common';
import { PolicyErrors } from './errors';

export const chooseOrgInput = z.object({ org: z.string().trim().min(1).max(50) });

async function chooseOrg({ flow, row, user, context }: PolicyActionScope, input: z.output<typeof chooseOrgInput>): Promise<FlowOutcome> {
  const step = flow.step!.name;
  const org = await db.org.findFirst({
    where: { slug: input.org, onlyUseForBrandingOverride: false, members: { some: { userId: user.id } } },
    select: { id: true, slug: true, name: true },
  });
  if (!org) throw new AppError(PolicyErrors.org_not_available, undefined, { org: 'org_not_available' });
  return flow.complete(step, async (tx) => {
    await tx.authorizationRequest.update({ where: { id: row.id }, data: { orgSlug: org.slug } });
    if (user.activeOrgId === org.id) return;
    await tx.user.update({ where: { id: user.id }, data: { activeOrgId: org.id } });
    await recordAudit(tx, { type: 'user', id: user.id, ip: context.ip }, {
      action: 'user.active_org_changed',
      targetType: 'user',
      targetId: user.id,
      before: { activeOrgId: user.activeOrgId },
      after: { activeOrgId: org.id, slug: org.slug },
    });
  });
}

/** The sign-in org choice (switch_org). */
export const chooseSwitchOrg = definePolicyAction('switch_org', chooseOrg);
/** The change_org policy. */
export const chooseChangeOrg = definePolicyAction('change_org', chooseOrg);

/** The org choice's options for the Embedded Auth API (Melody's GET user-orgs: `{ orgs, activeOrgSlug }`). */
export const orgChoices = defineAction<void, { orgs: { id: string; name: string; slug: string; companyLogoUrl: string }[]; activeOrgSlug: string }>({
  steps: 'switch_org',
  async run(flow) {
    const user = await flow.user();
    const orgs = await listUserOrgs(user.id);
    return {
      orgs: orgs.map((org) => ({ id: org.id, name: org.name, slug: org.slug, companyLogoUrl: safeHttpUrl(org.companyLogoUrl) ?? '' })),
      activeOrgSlug: orgs.find((org) => org.id === user.activeOrgId)?.slug ?? '',
    };
  },
});
