import { defineErrors } from '@/lib/errors';

export const OrgErrors = defineErrors({
  feature_disabled: { status: 400, message: 'Orgs are disabled (ENABLE_ORG=false).' },
  org_not_found: { status: 404, message: 'No org with this id.' },
  org_name_taken: { status: 409, message: 'Another org has this name.' },
  org_slug_taken: { status: 409, message: 'Another org has this slug.' },
  org_in_use: { status: 409, message: 'Users have this org as their active org: switch them to another org first.' },
  unknown_org: { status: 400, message: 'An org does not exist.' },
  branding_only_org: { status: 400, message: 'An org used only for branding overrides cannot have members.' },
  org_group_not_found: { status: 404, message: 'No org group with this id.' },
  org_group_name_taken: { status: 409, message: 'The org already has a group with this name.' },
  org_group_not_in_user_orgs: { status: 400, message: "The org group belongs to an org the user is not a member of." },
  not_in_org_group: { status: 404, message: 'The user is not in this org group.' },
});
