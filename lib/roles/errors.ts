import { defineErrors } from '@/lib/errors';

export const RoleErrors = defineErrors({
  role_not_found: { status: 404, message: 'No role with this id.' },
  role_name_taken: { status: 409, message: 'A role with this name already exists.' },
  built_in_role: {
    status: 400,
    message: 'The built-in super_admin role cannot be created, renamed, deleted or given other admin scopes.',
  },
  admin_scope_not_held: {
    status: 403,
    message:
      'Only a caller holding an admin scope can give it to a role, take it away, or manage a role that has it; impersonation and manage_saml need root, and super_admin can only be changed by root.',
  },
});
